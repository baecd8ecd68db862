package cn.zwgk.consolidator.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.zwgk.consolidator.output.OutputLocation;
import cn.zwgk.consolidator.template.TemplateCatalog;

/**
 * The job's output location checked against everything the program must never replace: the
 * job's inputs and the program's own data folder (the H2 database and the log), as the effective
 * Spring settings name them.
 */
public final class OutputSafety {

    private static final String URL = "spring.datasource.url";
    private static final String LOG = "logging.file.name";

    private OutputSafety() {
    }

    /**
     * @param args the command line, for {@code --spring.datasource.url=} and {@code --logging.file.name=}
     * @throws OutputLocation.Refused with one line naming the output and why
     */
    public static void check(JobDefinition job, String... args) {
        List<OutputLocation.Protected> kept = new ArrayList<>();
        kept.add(new OutputLocation.Protected("报送文件夹", "submissions folder", job.submissions()));
        kept.add(new OutputLocation.Protected("单位名录", "registry", job.units()));
        kept.add(new OutputLocation.Protected("任务文件", "job file", job.file()));
        if (TemplateCatalog.namesFile(job.template())) {
            kept.add(new OutputLocation.Protected("报表模板文件", "template",
                    JobSettings.path("template", job.template(), key -> "任务文件：template")));
        }
        if (job.previous() != null) {
            kept.add(new OutputLocation.Protected("上一年度的输出文件夹", "last year's folder", job.previous()));
        }
        for (Path folder : dataFolders(args)) {
            kept.add(new OutputLocation.Protected("程序的数据文件夹（数据库和日志）", "program's data folder", folder));
        }
        OutputLocation.check(job.output(), kept, Path.of(""));
    }

    /** The folders of the H2 database file and of the log, as Spring will set them up. */
    static List<Path> dataFolders(String... args) {
        List<Path> folders = new ArrayList<>();
        Path database = DatabaseGuard.h2File(SpringSettings.value(URL, List.of(args)));
        if (database != null) {
            folders.add(parent(database));
        }
        String log = SpringSettings.value(LOG, List.of(args));
        if (log != null && !log.isBlank()) {
            folders.add(parent(Path.of(log)));
        }
        return folders;
    }

    private static Path parent(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? file.toAbsolutePath().getRoot() : parent;
    }
}

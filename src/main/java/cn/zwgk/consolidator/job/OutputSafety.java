package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import cn.zwgk.consolidator.output.OutputLocation;

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
        if (job.template().endsWith(".yml")) {
            kept.add(new OutputLocation.Protected("报表模板文件", "template", Path.of(job.template())));
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
        Path database = h2File(setting(URL, args));
        if (database != null) {
            folders.add(parent(database));
        }
        String log = setting(LOG, args);
        if (log != null && !log.isBlank()) {
            folders.add(parent(Path.of(log)));
        }
        return folders;
    }

    /** The command line first, then system properties, the environment and application.properties, as Spring does. */
    private static String setting(String key, String... args) {
        String value = null;
        for (String arg : args) {
            if (arg.startsWith("--" + key + "=")) {
                value = arg.substring(key.length() + 3);
            }
        }
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null) {
            value = System.getenv(key.toUpperCase().replace('.', '_'));
        }
        if (value == null) {
            Properties defaults = new Properties();
            try (InputStream in = OutputSafety.class.getResourceAsStream("/application.properties")) {
                if (in != null) {
                    defaults.load(in);
                }
            } catch (IOException e) {
                return null;
            }
            value = defaults.getProperty(key);
        }
        return value;
    }

    /** The database file of an H2 file URL ({@code jdbc:h2:file:./data/x}, {@code jdbc:h2:~/x}), else null. */
    static Path h2File(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return null;
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        rest = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.matches("^[a-z]{2,}:.*")) {
            return null; // mem:, tcp:, ssl:, zip: … hold no file of ours here
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return rest.isEmpty() ? null : Path.of(rest);
    }

    private static Path parent(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? file.toAbsolutePath().getRoot() : parent;
    }
}

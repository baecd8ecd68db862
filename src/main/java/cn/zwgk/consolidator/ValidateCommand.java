package cn.zwgk.consolidator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.job.ExitCodes;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.job.JobSettings;
import cn.zwgk.consolidator.registry.Unit;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.submission.SubmissionEntry;
import cn.zwgk.consolidator.submission.SubmissionFolder;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.template.UnknownTemplateException;
import cn.zwgk.consolidator.validation.SubmissionCheck;

/**
 * {@code validate --template=gov-2019 FILE…}: a unit checks its own file before sending it, with
 * exactly the checks the office's run applies. No database, no Spring: it answers in a moment.
 */
final class ValidateCommand {

    static final String USAGE = """
            用法 (usage): java -jar consolidator.jar validate --template=gov-2019|gov-2021 [--blank-as-zero=true] [--max-file-size=5MiB] 文件.csv …
            退出状态 (exit status): 0 可以接收; 3 不能接收; 2 用法错误""";

    private ValidateCommand() {
    }

    static int run(PrintStream out, PrintStream err, Arguments.Validate args) {
        try {
            if (args.template() == null) {
                throw new ConfigurationException("缺少 --template=gov-2019 或 --template=gov-2021 (missing --template)");
            }
            if (args.files().isEmpty()) {
                throw new ConfigurationException("缺少要检查的文件 (no file to check)");
            }
            boolean blankAsZero = false;
            long maxBytes = SubmissionCheck.DEFAULT_MAX_BYTES;
            JobSettings settings = JobDefinition.bindWithDefaults(args.settings());
            if (settings != null) {
                blankAsZero = Boolean.TRUE.equals(settings.getBlankAsZero());
                maxBytes = settings.getMaxFileSize() == null ? maxBytes : settings.getMaxFileSize().toBytes();
            }
            List<Path> files = new ArrayList<>();
            for (String name : args.files()) {
                Path file = JobSettings.path("文件", name, key -> "命令行：要检查的文件");
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ConfigurationException("文件 " + JobSettings.printable(name) + " 不存在 (no such file)");
                }
                if (Files.isDirectory(file)) {
                    throw new ConfigurationException(JobSettings.printable(name) + " 是文件夹，不是报送文件 (a folder)");
                }
                files.add(file);
            }
            ReportTemplate template = TemplateCatalog.load(args.template());
            boolean allAccepted = true;
            for (Path file : files) {
                allAccepted &= check(out, file, template, blankAsZero, maxBytes);
            }
            return allAccepted ? ExitCodes.COMPLETE : ExitCodes.INCOMPLETE;
        } catch (ConfigurationException | UnknownTemplateException e) {
            err.println("用法错误 (usage error): " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private static boolean check(PrintStream out, Path file, ReportTemplate template, boolean blankAsZero,
            long maxBytes) {
        Path absolute = file.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        String stem = SubmissionFolder.submissionStem(name) == null ? name : SubmissionFolder.submissionStem(name);
        SubmissionCheck check = new SubmissionCheck(absolute.getParent(), template, blankAsZero, maxBytes);
        CheckedSubmission checked = check.check(new SubmissionEntry(0, new Unit(stem, stem, null), stem, name));
        out.printf("检查 %s（模板 %s，%s）%n", file, template.id(), template.title());
        for (Finding finding : checked.findings()) {
            out.printf("  %s [%s] %s%n", finding.isError() ? "错误" : "提示", finding.rule(), finding.message());
        }
        boolean accepted = checked.status() == SubmissionStatus.ACCEPTED;
        out.println(accepted
                ? "结论：可以接收" + (checked.warnings() > 0 ? "（有 " + checked.warnings() + " 条提示，请核实）" : "")
                : "结论：不能接收，请修改以上 " + checked.errors() + " 处错误后再报送");
        return accepted;
    }
}

package cn.zwgk.consolidator;

import java.io.PrintStream;
import java.nio.file.Path;

import org.springframework.boot.Banner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zwgk.consolidator.job.ConsolidationLauncher;
import cn.zwgk.consolidator.job.ExitCodes;
import cn.zwgk.consolidator.job.InputFingerprint;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.job.RunLock;
import cn.zwgk.consolidator.registry.ConfigurationException;
import cn.zwgk.consolidator.registry.UnitRegistry;
import cn.zwgk.consolidator.submission.SubmissionFolder;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.template.UnknownTemplateException;

/** Runs a consolidation job from the command line and exits with the status of SPEC section 6. */
@SpringBootApplication
public class ConsolidatorApplication {

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs without exiting the JVM, so that tests can run the real program. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine;
        JobDefinition definition;
        ReportTemplate template;
        try {
            commandLine = CommandLine.parse(args);
            if (commandLine.help()) {
                out.println(CommandLine.USAGE);
                return ExitCodes.COMPLETE;
            }
            definition = JobDefinition.load(Path.of(commandLine.job()), commandLine.overrides());
            // Everything the office configured is checked before any submission is read.
            template = TemplateCatalog.load(definition.template());
            UnitRegistry.read(definition.units());
            SubmissionFolder.requireFolder(definition.submissions());
        } catch (ConfigurationException | UnknownTemplateException e) {
            err.println("配置错误 (configuration error): " + e.getMessage());
            err.println("用法见 --help");
            return ExitCodes.USAGE;
        }
        try (RunLock lock = RunLock.acquire(definition.output(), definition.name())) {
            String fingerprint = InputFingerprint.of(definition, template);
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ConsolidatorApplication.class)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .run(args)) {
                return context.getBean(ConsolidationLauncher.class).launch(definition, fingerprint,
                        commandLine.force(), out);
            }
        } catch (RunLock.BusyException e) {
            err.println(e.getMessage());
            return ExitCodes.BUSY;
        } catch (Exception e) {
            err.println("运行失败 (failure): " + firstLine(e) + "（详情见日志 data/consolidator.log）");
            return ExitCodes.FAILURE;
        }
    }

    private static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        return message.lines().findFirst().orElse(message);
    }
}

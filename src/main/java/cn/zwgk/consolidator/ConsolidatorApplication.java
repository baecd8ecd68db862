package cn.zwgk.consolidator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.springframework.boot.Banner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zwgk.consolidator.job.ConsolidationLauncher;
import cn.zwgk.consolidator.job.DatabaseGuard;
import cn.zwgk.consolidator.job.ExitCodes;
import cn.zwgk.consolidator.job.InputFingerprint;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.job.RunLock;
import cn.zwgk.consolidator.job.Schedule;
import cn.zwgk.consolidator.registry.ConfigurationException;
import cn.zwgk.consolidator.registry.UnitRegistry;
import cn.zwgk.consolidator.submission.SubmissionFolder;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.template.UnknownTemplateException;

/** Runs a consolidation job from the command line and exits with the status of SPEC section 6. */
@SpringBootApplication
public class ConsolidatorApplication {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs without exiting the JVM, so that tests can run the real program. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        if (args.length > 0 && args[0].equals("validate")) {
            return ValidateCommand.run(out, err, java.util.Arrays.asList(args).subList(1, args.length));
        }
        if (args.length > 0 && args[0].equals("blank")) {
            return BlankCommand.run(out, err, java.util.Arrays.asList(args).subList(1, args.length));
        }
        CommandLine commandLine;
        Prepared prepared;
        try {
            commandLine = CommandLine.parse(args);
            if (commandLine.help()) {
                out.println(CommandLine.USAGE);
                return ExitCodes.COMPLETE;
            }
            prepared = prepare(commandLine);
        } catch (ConfigurationException | UnknownTemplateException e) {
            err.println("配置错误 (configuration error): " + e.getMessage());
            err.println("用法见 --help");
            return ExitCodes.USAGE;
        }
        if (prepared.definition().schedule() != null) {
            return runOnSchedule(commandLine, prepared.definition().schedule(), out, err, args);
        }
        try (RunLock lock = RunLock.acquire(prepared.definition().output(), prepared.definition().name())) {
            String fingerprint = InputFingerprint.of(prepared.definition(), prepared.template());
            try (ConfigurableApplicationContext context = start(args)) {
                return launch(context, prepared, fingerprint, commandLine, out);
            }
        } catch (RunLock.BusyException e) {
            err.println(e.getMessage());
            return ExitCodes.BUSY;
        } catch (Exception e) {
            return failed(e, err);
        }
    }

    private record Prepared(JobDefinition definition, ReportTemplate template) {
    }

    /** Everything the office configured is checked before any submission is read. */
    private static Prepared prepare(CommandLine commandLine) {
        JobDefinition definition = JobDefinition.load(Path.of(commandLine.job()), commandLine.overrides());
        ReportTemplate template = TemplateCatalog.load(definition.template());
        UnitRegistry.read(definition.units());
        SubmissionFolder.requireFolder(definition.submissions());
        return new Prepared(definition, template);
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(ConsolidatorApplication.class)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(args);
    }

    private static int launch(ConfigurableApplicationContext context, Prepared prepared, String fingerprint,
            CommandLine commandLine, PrintStream out) throws Exception {
        return context.getBean(ConsolidationLauncher.class).launch(prepared.definition(), fingerprint,
                commandLine.force(), out);
    }

    /**
     * Stays up and runs the job at every tick. Each tick reads the job file, registry and folder
     * afresh; a tick whose configuration is broken, or that finds another run going, is skipped
     * and said so, and the schedule goes on.
     */
    private static int runOnSchedule(CommandLine commandLine, Schedule schedule, PrintStream out, PrintStream err,
            String... args) {
        try (ConfigurableApplicationContext context = start(args)) {
            out.printf("按计划运行 (schedule “%s”)，下一次：%s%n", schedule,
                    schedule.next(LocalDateTime.now()).format(TIME));
            int last = ExitCodes.COMPLETE;
            for (int tick = 1; commandLine.ticks() == null || tick <= commandLine.ticks(); tick++) {
                LocalDateTime next = schedule.next(LocalDateTime.now());
                sleepUntil(next);
                out.printf("== %s 定时运行 ==%n", next.format(TIME));
                last = runTick(context, commandLine, out, err);
                LocalDateTime now = LocalDateTime.now();
                LocalDateTime missed = schedule.next(next);
                if (missed.isBefore(now)) {
                    out.printf("运行期间错过的计划时间（自 %s 起）已跳过，本次运行没有结束前不会开始另一次%n",
                            missed.format(TIME));
                }
            }
            return last;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        } catch (Exception e) {
            return failed(e, err);
        }
    }

    private static int runTick(ConfigurableApplicationContext context, CommandLine commandLine, PrintStream out,
            PrintStream err) {
        try {
            Prepared prepared = prepare(commandLine);
            try (RunLock lock = RunLock.acquire(prepared.definition().output(), prepared.definition().name())) {
                return launch(context, prepared, InputFingerprint.of(prepared.definition(), prepared.template()),
                        commandLine, out);
            }
        } catch (ConfigurationException | UnknownTemplateException e) {
            err.println("配置错误，本次跳过 (configuration error, tick skipped): " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (RunLock.BusyException e) {
            out.println("本次跳过 (tick skipped)：" + e.getMessage());
            return ExitCodes.BUSY;
        } catch (Exception e) {
            return failed(e, err);
        }
    }

    private static void sleepUntil(LocalDateTime time) throws InterruptedException {
        long millis = java.time.Duration.between(LocalDateTime.now(), time).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** A damaged or foreign database is a configuration error; anything else a failure. */
    private static int failed(Exception e, PrintStream err) {
        DatabaseGuard.RefusedException refused = DatabaseGuard.refusal(e);
        if (refused != null) {
            err.println(refused.getMessage());
            return ExitCodes.USAGE;
        }
        err.println(failure(e));
        return ExitCodes.FAILURE;
    }

    private static String failure(Throwable e) {
        return "运行失败 (failure): " + ConsolidationLauncher.rootMessage(e) + "（详情见日志 data/consolidator.log）";
    }
}

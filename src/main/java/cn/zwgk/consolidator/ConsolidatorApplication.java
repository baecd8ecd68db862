package cn.zwgk.consolidator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;

import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.job.ConsolidationLauncher;
import cn.zwgk.consolidator.job.DatabaseGuard;
import cn.zwgk.consolidator.job.ExitCodes;
import cn.zwgk.consolidator.job.InputFingerprint;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.job.JobSettings;
import cn.zwgk.consolidator.job.OutputSafety;
import cn.zwgk.consolidator.job.RecordedRun;
import cn.zwgk.consolidator.job.RunLock;
import cn.zwgk.consolidator.job.Schedule;
import cn.zwgk.consolidator.job.ScheduleTicks;
import cn.zwgk.consolidator.output.OutputFolder;
import cn.zwgk.consolidator.registry.UnitRegistry;
import cn.zwgk.consolidator.submission.SubmissionFolder;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.template.UnknownTemplateException;

/** Runs a consolidation job from the command line and exits with the status of docs/exit-codes.md. */
@SpringBootApplication
public class ConsolidatorApplication {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static void main(String[] args) {
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            // the build's Spring AOT processing (pom.xml): the job's context, whose making it stops itself
            WebParts.commandLineApplication().run(args);
            return;
        }
        System.exit(run(System.out, System.err, args));
    }

    /** Runs without exiting the JVM, so that tests can run the real program. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        try {
            return runCommand(out, err, args);
        } catch (RuntimeException e) {
            // whatever slipped past the commands' own handling: still one line, the trace in the log
            LogLocation.record(Arguments.springOptions(args), e);
            err.println(failure(e, Arguments.springOptions(args)));
            return ExitCodes.FAILURE;
        }
    }

    private static int runCommand(PrintStream out, PrintStream err, String... args) {
        Arguments.Command command;
        try {
            command = Arguments.parse(args);
        } catch (ConfigurationException e) {
            err.println("用法错误 (usage error): " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (command instanceof Arguments.Help help) {
            out.println(help.usage());
            return ExitCodes.COMPLETE;
        }
        if (command instanceof Arguments.Validate validate) {
            return ValidateCommand.run(out, err, validate);
        }
        if (command instanceof Arguments.Blank blank) {
            return BlankCommand.run(out, err, blank);
        }
        if (command instanceof Arguments.Accounts accounts) {
            return AccountsCommand.run(out, err, accounts);
        }
        if (command instanceof Arguments.Serve serve) {
            return ServeCommand.run(out, err, serve);
        }
        Arguments.Job commandLine = (Arguments.Job) command;
        Prepared prepared;
        try {
            prepared = prepare(commandLine, !commandLine.force());
            if (commandLine.ticks() != null && prepared.definition().schedule() == null) {
                throw new ConfigurationException("--ticks 只用于定时运行，任务文件和命令行都没有设置 schedule (--ticks without a schedule)");
            }
            LogLocation.requireWritable(commandLine.spring());
        } catch (ConfigurationException | UnknownTemplateException e) {
            err.println("配置错误 (configuration error): " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (prepared.definition().schedule() != null) {
            return runOnSchedule(commandLine, prepared.definition().schedule(), out, err);
        }
        try (RunLock lock = RunLock.acquire(prepared.definition().output(), prepared.definition().name())) {
            InputFingerprint.Result inputs = InputFingerprint.compute(prepared.definition(),
                    prepared.template().id(), prepared.template().digest());
            RecordedRun settled = commandLine.force() ? null
                    : RecordedRun.settled(prepared.definition().output(), prepared.definition().name(),
                            inputs.fingerprint());
            if (settled != null) {
                // run.yml and the working folder say that the database has nothing to add: no Spring, no database
                out.println(settled.upToDateLine());
                return settled.exitStatus();
            }
            if (!prepared.checked()) {
                try {
                    TemplateCatalog.load(prepared.definition().template());
                    UnitRegistry.read(prepared.definition().units());
                } catch (ConfigurationException | UnknownTemplateException e) {
                    err.println("配置错误 (configuration error): " + e.getMessage());
                    return ExitCodes.USAGE;
                }
            }
            try (ConfigurableApplicationContext context = start(commandLine)) {
                return launch(context, prepared, inputs, commandLine, out);
            }
        } catch (RunLock.BusyException e) {
            err.println(e.getMessage());
            return ExitCodes.BUSY;
        } catch (Exception e) {
            LogLocation.record(commandLine.spring(), e);
            return failed(e, err, commandLine.spring());
        }
    }

    /** {@code checked}: the template and registry were read in full, not only their identity. */
    private record Prepared(JobDefinition definition, TemplateCatalog.Identity template, boolean checked) {
    }

    private static Prepared prepare(Arguments.Job commandLine) {
        return prepare(commandLine, true);
    }

    /**
     * Everything the office configured is checked before any submission is read. With
     * {@code upToDateAllowed}, a bundled template and the registry are read in full only once a
     * run finds that its published run is not up to date: the fingerprint holds their content, so
     * a settled run with the same fingerprint read the same without fault. Without a working
     * folder, or on a schedule, they are read first, so that a mistake leaves nothing behind.
     */
    private static Prepared prepare(Arguments.Job commandLine, boolean upToDateAllowed) {
        Path file = JobSettings.path("job", commandLine.job(), key -> "命令行：--job");
        JobDefinition definition = JobDefinition.load(file, commandLine.overrides());
        definition.requireInputs();
        OutputSafety.check(definition, commandLine.spring().toArray(String[]::new));
        TemplateCatalog.Identity template = TemplateCatalog.bundledIdentity(definition.template());
        boolean check = template == null || !upToDateAllowed || definition.schedule() != null
                || !OutputFolder.isOurs(OutputFolder.workFolderOf(definition.output()));
        if (check) {
            ReportTemplate loaded = TemplateCatalog.load(definition.template());
            template = new TemplateCatalog.Identity(loaded.id(), loaded.digest());
            UnitRegistry.read(definition.units());
        }
        SubmissionFolder.requireFolder(definition.submissions());
        return new Prepared(definition, template, check);
    }

    /** Spring sees only its own options: ours are checked and applied already. */
    static ConfigurableApplicationContext start(Arguments.Job commandLine) {
        return WebParts.commandLineApplication().run(commandLine.spring().toArray(String[]::new));
    }

    private static int launch(ConfigurableApplicationContext context, Prepared prepared,
            InputFingerprint.Result inputs, Arguments.Job commandLine, PrintStream out) throws Exception {
        return context.getBean(ConsolidationLauncher.class).launch(prepared.definition(), inputs,
                commandLine.force(), out);
    }

    /**
     * Stays up and runs the job at every tick. Each tick reads the job file, registry and folder
     * afresh; a tick whose configuration is broken, or that finds another run going, is skipped
     * and said so, and the schedule goes on.
     */
    private static int runOnSchedule(Arguments.Job commandLine, Schedule schedule, PrintStream out,
            PrintStream err) {
        try (ConfigurableApplicationContext context = start(commandLine)) {
            out.printf("按计划运行 (schedule “%s”)，下一次：%s%n", schedule,
                    schedule.next(LocalDateTime.now()).format(TIME));
            int last = ExitCodes.COMPLETE;
            for (int tick = 1; commandLine.ticks() == null || tick <= commandLine.ticks(); tick++) {
                LocalDateTime next = schedule.next(LocalDateTime.now());
                sleepUntil(next);
                out.printf("== %s 定时运行 ==%n", next.format(TIME));
                if (!claimTick(context, commandLine, next, out, err)) {
                    // past the tick, or the next one computed would be this one again
                    sleepUntil(next.plusNanos(1_000_000));
                    continue;
                }
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
            LogLocation.record(commandLine.spring(), e);
            return failed(e, err, commandLine.spring());
        }
    }

    /** Processes with the same schedule on one database run each tick once: the one that records it first. */
    private static boolean claimTick(ConfigurableApplicationContext context, Arguments.Job commandLine,
            LocalDateTime tick, PrintStream out, PrintStream err) {
        String jobName;
        try {
            jobName = JobDefinition.load(JobSettings.path("job", commandLine.job(), key -> "命令行：--job"),
                    commandLine.overrides()).name();
        } catch (ConfigurationException e) {
            return true; // runTick says what is wrong
        }
        ScheduleTicks ticks = context.getBean(ScheduleTicks.class);
        try {
            if (ticks.claim(jobName, tick)) {
                return true;
            }
            out.println("本次跳过 (tick skipped)：由" + ticks.claimedBy(jobName, tick) + "运行 (run by another process)");
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ConsolidatorApplication.class).error("定时运行未能登记 (tick not recorded)", e);
            err.println("本次跳过 (tick skipped)：数据库不可用 (" + ConsolidationLauncher.rootMessage(e) + ")");
        }
        return false;
    }

    private static int runTick(ConfigurableApplicationContext context, Arguments.Job commandLine, PrintStream out,
            PrintStream err) {
        try {
            Prepared prepared = prepare(commandLine);
            try (RunLock lock = RunLock.acquire(prepared.definition().output(), prepared.definition().name())) {
                return launch(context, prepared, InputFingerprint.compute(prepared.definition(),
                        prepared.template().id(), prepared.template().digest()), commandLine, out);
            }
        } catch (ConfigurationException | UnknownTemplateException e) {
            err.println("配置错误，本次跳过 (configuration error, tick skipped): " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (RunLock.BusyException e) {
            out.println("本次跳过 (tick skipped)：" + e.getMessage());
            return ExitCodes.BUSY;
        } catch (Exception e) {
            // Spring's logging is running during a tick
            org.slf4j.LoggerFactory.getLogger(ConsolidatorApplication.class).error("运行失败 (run failed)", e);
            return failed(e, err, commandLine.spring());
        }
    }

    private static void sleepUntil(LocalDateTime time) throws InterruptedException {
        long millis = java.time.Duration.between(LocalDateTime.now(), time).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** A damaged or foreign database is a configuration error; anything else a failure. */
    private static int failed(Exception e, PrintStream err, List<String> springArgs) {
        DatabaseGuard.RefusedException refused = DatabaseGuard.refusal(e);
        if (refused != null) {
            err.println("配置错误 (configuration error): " + refused.getMessage());
            return ExitCodes.USAGE;
        }
        err.println(failure(e, springArgs));
        return ExitCodes.FAILURE;
    }

    private static String failure(Throwable e, List<String> springArgs) {
        return "运行失败 (failure): " + ConsolidationLauncher.rootMessage(e) + "（" + LogLocation.details(springArgs) + "）";
    }
}

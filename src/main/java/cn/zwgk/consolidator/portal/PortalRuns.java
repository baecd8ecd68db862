package cn.zwgk.consolidator.portal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.zwgk.consolidator.job.RunLedger;
import cn.zwgk.consolidator.job.ConsolidationLauncher;
import cn.zwgk.consolidator.job.ExitCodes;
import cn.zwgk.consolidator.job.InputFingerprint;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.job.OutputSafety;
import cn.zwgk.consolidator.job.RunLock;
import cn.zwgk.consolidator.job.Schedule;
import cn.zwgk.consolidator.job.ScheduleTicks;
import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.registry.UnitRegistry;
import cn.zwgk.consolidator.submission.SubmissionFolder;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.template.UnknownTemplateException;

/**
 * Runs a served job: "run now" on the board and the API, and each job's {@code schedule:}. Exactly
 * the command line's run: the job file read afresh and checked, the same {@link RunLock}, the same
 * launcher; a run that finds another going ends at once with exit status 4.
 */
public final class PortalRuns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalRuns.class);

    /** @param run the run's number, or null when none was started */
    public record Outcome(Long run, int exit, String message) {
    }

    private final ConsolidationLauncher launcher;
    private final RunLedger ledger;
    private final AuditTrail audit;
    private final List<String> springArgs;
    private final ScheduleTicks ticks;
    private final List<Thread> schedules = new ArrayList<>();

    public PortalRuns(ConsolidationLauncher launcher, RunLedger ledger, AuditTrail audit, List<String> springArgs,
            ScheduleTicks ticks) {
        this.ticks = ticks;
        this.launcher = launcher;
        this.ledger = ledger;
        this.audit = audit;
        this.springArgs = springArgs;
    }

    public Outcome runNow(PortalJob job, String user, String address) {
        Outcome outcome = run(job);
        audit.record(user, address, "run", job.name(), null, "exit " + outcome.exit()
                + (outcome.run() == null ? "" : " run " + outcome.run()));
        return outcome;
    }

    private Outcome run(PortalJob job) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            JobDefinition definition;
            ReportTemplate template;
            try {
                definition = JobDefinition.load(job.definition().file(), job.overrides());
                definition.requireInputs();
                OutputSafety.check(definition, springArgs.toArray(String[]::new));
                template = TemplateCatalog.load(definition.template());
                UnitRegistry.read(definition.units());
                SubmissionFolder.requireFolder(definition.submissions());
            } catch (ConfigurationException | UnknownTemplateException e) {
                return new Outcome(null, ExitCodes.USAGE, "配置错误 (configuration error): " + e.getMessage());
            }
            try (RunLock lock = RunLock.acquire(definition.output(), definition.name())) {
                InputFingerprint.Result inputs = InputFingerprint.compute(definition, template);
                int exit;
                // the launcher's console is one for the process: one run at a time in it
                synchronized (launcher) {
                    exit = launcher.launch(definition, inputs, false, out);
                }
                RunLedger.PublishedRun published = ledger.latestPublished(definition.name(),
                        ledger.withExplanations(definition.name(), inputs.fingerprint()));
                out.flush();
                return new Outcome(published == null ? null : published.runId(), exit,
                        console.toString(StandardCharsets.UTF_8).strip());
            } catch (RunLock.BusyException e) {
                return new Outcome(null, ExitCodes.BUSY, e.getMessage());
            } catch (Exception e) {
                LOG.error("运行失败 (run failed)", e);
                return new Outcome(null, ExitCodes.FAILURE, "运行失败 (failure): " + ConsolidationLauncher.rootMessage(e));
            }
        }
    }

    /** Starts a thread for each job with a schedule; it runs the job at each tick until the portal stops. */
    public void startSchedules(PortalJob.Catalog catalog, PrintStream out) {
        for (PortalJob job : catalog.jobs().values()) {
            Schedule schedule = job.definition().schedule();
            if (schedule == null) {
                continue;
            }
            Thread thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        LocalDateTime next = schedule.next(LocalDateTime.now());
                        long millis = java.time.Duration.between(LocalDateTime.now(), next).toMillis();
                        if (millis > 0) {
                            Thread.sleep(millis);
                        }
                        try {
                            if (!claim(job, next, out)) {
                                continue;
                            }
                            Outcome outcome = runNow(job, "（定时 schedule）", null);
                            out.printf("== %s 定时运行 %s：退出状态 %d ==%n%s%n", next, job.name(), outcome.exit(),
                                    outcome.message());
                        } catch (RuntimeException e) {
                            // the tick's claim, the run or its audit line needs the database, which is away: the schedule goes on
                            LOG.error("定时运行失败 (scheduled run failed)", e);
                            out.printf("== %s 定时运行 %s：运行失败 (failure): %s ==%n", next, job.name(),
                                    ConsolidationLauncher.rootMessage(e));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "schedule-" + job.name());
            thread.setDaemon(true);
            thread.start();
            schedules.add(thread);
            out.printf("任务 %s 按计划运行 (schedule “%s”)，下一次：%s%n", job.name(), schedule,
                    schedule.next(LocalDateTime.now()));
        }
    }

    /** Instances that share the database run each tick once: the one that records it first. */
    private boolean claim(PortalJob job, LocalDateTime tick, PrintStream out) {
        try {
            if (ticks.claim(job.name(), tick)) {
                return true;
            }
            out.printf("== %s 定时运行 %s：由%s运行，本实例跳过 (tick run by another instance) ==%n", tick, job.name(),
                    ticks.claimedBy(job.name(), tick));
        } catch (RuntimeException e) {
            LOG.error("定时运行未能在数据库中登记，本次跳过 (tick not recorded, skipped)", e);
            out.printf("== %s 定时运行 %s：数据库不可用，本次跳过 (database unavailable, tick skipped) ==%n", tick,
                    job.name());
        }
        // past the tick before computing the next one, which would otherwise be this one again
        sleepPast(tick);
        return false;
    }

    private static void sleepPast(LocalDateTime tick) {
        long millis = java.time.Duration.between(LocalDateTime.now(), tick).toMillis() + 1;
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        schedules.forEach(Thread::interrupt);
    }
}

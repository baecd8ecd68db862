package cn.zwgk.consolidator.job;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.output.OutputFolder;
import cn.zwgk.consolidator.output.StatusLine;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.validation.KnownHashes;

/** Starts the consolidation job for a job definition and turns its outcome into the exit status. */
@Component
public class ConsolidationLauncher {

    /** The input fingerprint without the portal's 说明, as computed before Spring starts: recorded in run.yml. */
    static final String INPUTS = "inputs";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;
    private final RunLedger ledger;
    private final RunConsole console;
    private final JobLocks locks;
    private final String logFile;
    private final HandedOverHashes handedOver;

    public ConsolidationLauncher(JobOperator operator, JobRepository repository, Job consolidationJob,
            RunLedger ledger, RunConsole console, JobLocks locks, HandedOverHashes handedOver,
            @Value("${logging.file.name:}") String logFile) {
        this.handedOver = handedOver;
        this.logFile = logFile;
        this.locks = locks;
        this.operator = operator;
        this.repository = repository;
        this.job = consolidationJob;
        this.ledger = ledger;
        this.console = console;
    }

    /**
     * Runs the job for inputs with the given fingerprint: not at all when a run of the same inputs
     * completed (unless forced), on from where it stopped when one failed or was killed.
     * The caller holds the job's {@link RunLock}; this takes the job's lock in the database, so that
     * no other process, on this machine or another, is running it.
     *
     * @throws RunLock.BusyException when another run of the job holds the lock in the database
     */
    public int launch(JobDefinition definition, String fingerprint, boolean force, PrintStream out)
            throws Exception {
        return launch(definition, new InputFingerprint.Result(fingerprint, KnownHashes.NONE), force, out);
    }

    /** As above, the check step taking the hashes of files unchanged since the fingerprint read them. */
    public int launch(JobDefinition definition, InputFingerprint.Result inputs, boolean force, PrintStream out)
            throws Exception {
        try (JobLocks.Held lock = locks.hold(definition.name())) {
            handedOver.handOver(definition.name(), inputs.hashes());
            try {
                return launchHolding(definition, inputs.fingerprint(), force, out);
            } finally {
                handedOver.takeBack(definition.name());
            }
        }
    }

    private int launchHolding(JobDefinition definition, String fingerprint, boolean force, PrintStream out)
            throws Exception {
        console.use(out);
        OutputFolder folder = new OutputFolder(definition.output());
        // until the end is recorded, a rerun must not answer from run.yml alone
        folder.markUnderWay();
        folder.takeExplanationsChanged();
        String inputs = fingerprint;
        fingerprint = ledger.withExplanations(definition.name(), fingerprint);
        cleanLeftovers(folder, out);
        JobParameters parameters = parameters(definition, inputs, fingerprint, force);
        JobInstance instance = repository.getJobInstance(ConsolidationJobConfig.JOB_NAME, parameters);
        if (instance != null) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
                RunLedger.PublishedRun published = ledger.latestPublished(definition.name(), fingerprint);
                if (published != null && OutputFolder.holdsExactly(definition.output(), published.runId())) {
                    folder.markRecorded();
                    return upToDate(published, out);
                }
                // same inputs, but the outputs are gone, changed, or another run's: make them again
                out.println("输出文件夹中不是 run " + instance.getInstanceId() + " 写出的原样结果（缺少、被改动或是另一次运行的），重新汇总");
                parameters = parameters(definition, inputs, fingerprint, true);
            }
            if (last != null && last.isRunning()) {
                // we hold the job's lock in the database, so the process that ran it is gone: killed, or its machine stopped
                out.printf("run %d 上次未正常结束（%s 开始，进程已不在），现在接着完成%n", instance.getInstanceId(),
                        last.getStartTime() == null ? "?" : last.getStartTime().format(TIME));
                operator.recover(last);
            } else if (last != null) {
                out.printf("run %d 上次运行失败，现在从中断处接着完成%n", instance.getInstanceId());
            }
        }
        JobExecution execution = operator.start(job, parameters);
        long runId = execution.getJobInstance().getInstanceId();
        cleanLeftovers(folder, out);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            folder.markRecorded();
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            List<Throwable> failures = execution.getAllFailureExceptions();
            String reason = failures.isEmpty() ? execution.getExitStatus().getExitDescription()
                    : rootMessage(failures.get(0));
            out.println("汇总失败 (run " + runId + ")：" + reason);
            out.println("退出状态 1：运行失败，输出文件夹保持上一次的结果不变；"
                    + (logFile.isBlank() ? "未写日志文件" : "详情见日志 " + logFile));
            return ExitCodes.FAILURE;
        }
        Map<SubmissionStatus, Integer> counts = ledger.counts(runId);
        List<StatusLine> notAccepted = ledger.statusLines(runId).stream()
                .filter(line -> line.status() != SubmissionStatus.ACCEPTED).toList();
        out.printf("汇总完成 (run %d)：接收 %d，退回 %d，未报送 %d，无法识别 %d；用时 %.1f 秒%n", runId,
                counts.get(SubmissionStatus.ACCEPTED), counts.get(SubmissionStatus.REJECTED),
                counts.get(SubmissionStatus.MISSING), counts.get(SubmissionStatus.UNKNOWN),
                Duration.between(execution.getStartTime(), execution.getEndTime()).toMillis() / 1000.0);
        ReportTemplate template = TemplateCatalog.load(definition.template());
        ReportValues totals = ledger.totals(runId, template);
        if (!template.summary().isEmpty()) {
            out.println("合计：" + template.summary().stream()
                    .map(item -> item.label() + " " + item.valueIn(totals).toPlainString() + " " + item.unit())
                    .collect(Collectors.joining("，")));
        }
        for (StatusLine line : notAccepted) {
            out.printf("  %s %s %s%n", line.status().word(), line.code(),
                    line.name() == null ? "" : line.name());
        }
        out.println("输出：" + definition.output().toAbsolutePath().normalize()
                + "（report.html 报告，report.docx 年报初稿，consolidated.csv 合计，status.csv 各单位状态，findings.csv 问题清单，"
                + "feedback/ 给各单位的反馈函）");
        if (notAccepted.isEmpty()) {
            out.println("退出状态 0：所有单位均已通过");
            return ExitCodes.COMPLETE;
        }
        out.println("退出状态 3：汇总已完成但不完整，合计只含已接收的单位");
        return ExitCodes.INCOMPLETE;
    }

    /** What killed or failed runs left in the program's working folder goes; part files only of finished runs. */
    private void cleanLeftovers(OutputFolder folder, PrintStream out) throws java.io.IOException {
        for (String note : folder.cleanLeftovers(this::finished)) {
            out.println(note);
        }
    }

    private boolean finished(long runId) {
        JobInstance instance = repository.getJobInstance(runId);
        JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
        // a run the history no longer knows can never be resumed
        return instance == null || last != null && last.getStatus() == BatchStatus.COMPLETED;
    }

    /** The outputs of a run of these very inputs are in place: say which, and exit with its status. */
    private int upToDate(RunLedger.PublishedRun run, PrintStream out) {
        RecordedRun recorded = new RecordedRun(run.runId(), null, run.outcome(), run.finishedAt());
        out.println(recorded.upToDateLine());
        return recorded.exitStatus();
    }

    /** The job's name, year and input fingerprint identify a run: equal inputs, same run. */
    private static JobParameters parameters(JobDefinition definition, String inputs, String fingerprint,
            boolean force) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString("job.name", definition.name())
                .addLong("year", (long) definition.year())
                .addString("fingerprint", fingerprint);
        if (force) {
            builder.addLocalDateTime("forced", LocalDateTime.now());
        }
        return builder
                .addString(INPUTS, inputs, false)
                .addString("job.file", definition.file().toString(), false)
                .addString("template", definition.template(), false)
                .addString("units", definition.units().toString(), false)
                .addString("submissions", definition.submissions().toString(), false)
                .addString("output", definition.output().toString(), false)
                .addString("previous", definition.previous() == null ? "" : definition.previous().toString(), false)
                .addString("blank-as-zero", Boolean.toString(definition.blankAsZero()), false)
                .addLong("max-file-size", definition.maxFileSize(), false)
                .addString("organisation", definition.organisation() == null ? "" : definition.organisation(), false)
                .addString("deadline", definition.deadline() == null ? "" : definition.deadline().toString(), false)
                .toJobParameters();
    }


    /** The first line of the innermost cause: what went wrong, without the layers around it. */
    public static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}

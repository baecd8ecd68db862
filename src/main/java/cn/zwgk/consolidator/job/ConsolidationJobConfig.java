package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.zwgk.consolidator.consolidation.AcceptedValues;
import cn.zwgk.consolidator.consolidation.PreviousYear;
import cn.zwgk.consolidator.output.ExcelReport;
import cn.zwgk.consolidator.output.OutputFolder;
import cn.zwgk.consolidator.publishing.Publication;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.validation.SubmissionCheck;

/**
 * The Spring Batch wiring, all of it: a chunk step that checks every entry of the submissions
 * folder and records it, then a step that totals and publishes. The work itself is plain Java in
 * the domain packages.
 */
@Configuration
public class ConsolidationJobConfig {

    public static final String JOB_NAME = "consolidation";
    /** Submissions per transaction: large enough that commits cost little, small enough to restart cheaply. */
    static final int CHUNK_SIZE = 1000;

    /** Where POI's temporary files go: the program's own ./data/tmp (as the default database and log), not the shared system one. */
    static final Path TEMPORARY_FOLDER = Path.of("data", "tmp");

    @Bean
    Path temporaryFolder() throws IOException {
        return ExcelReport.useTemporaryFolder(TEMPORARY_FOLDER);
    }

    @Bean
    RunLedger runLedger(JdbcTemplate jdbc) {
        return new RunLedger(jdbc);
    }

    @Bean
    Job consolidationJob(JobRepository repository, RunLedger ledger, Step checkSubmissions, Step publish) {
        return new JobBuilder(JOB_NAME, repository)
                .listener(new RunStartListener(ledger))
                .start(checkSubmissions)
                .next(publish)
                .build();
    }

    /**
     * Job-scoped, so that the reader, processor and writer are plain objects built for this run's
     * parameters: the processor runs on worker threads, where a step-scoped proxy has no context.
     */
    @Bean
    @JobScope
    Step checkSubmissions(JobRepository repository, PlatformTransactionManager transactions, RunLedger ledger,
            RunConsole console, AsyncTaskExecutor submissionWorkers, HandedOverHashes handedOver,
            @Value("#{jobParameters['job.name']}") String jobName,
            @Value("#{jobParameters['units']}") String units,
            @Value("#{jobParameters['submissions']}") String submissions,
            @Value("#{jobParameters['template']}") String template,
            @Value("#{jobParameters['blank-as-zero']}") String blankAsZero,
            @Value("#{jobParameters['max-file-size']}") Long maxFileSize,
            @Value("#{jobParameters['output']}") String output,
            @Value("#{jobParameters['previous']}") String previous,
            @Value("#{jobExecution.jobInstance.instanceId}") Long runId) throws IOException {
        ReportTemplate reportTemplate = TemplateCatalog.load(template);
        PreviousYear lastYear = null;
        if (!previous.isEmpty()) {
            try {
                lastYear = PreviousYear.load(Path.of(previous), true);
            } catch (PreviousYear.UnusableException e) {
                // the publish step says so, once, in the note on the city totals
            }
        }
        SubmissionCheck check = new SubmissionCheck(Path.of(submissions), reportTemplate,
                Boolean.parseBoolean(blankAsZero), maxFileSize, lastYear == null ? null : lastYear::unit,
                handedOver.of(jobName));
        Path parts = new OutputFolder(Path.of(output)).partsFolder(runId);
        return new StepBuilder("check-submissions", repository)
                .<Checked, Checked>chunk(CHUNK_SIZE)
                .transactionManager(transactions)
                // checked on the workers, a chunk ahead of the one being written
                .reader(new SubmissionFolderReader<>(Path.of(units), Path.of(submissions), console,
                        () -> ledger.counts(runId), entry -> Checked.of(check.check(entry)), submissionWorkers,
                        CHUNK_SIZE))
                .writer(chunk -> {
                    List<CheckedSubmission> checked = chunk.getItems().stream().map(Checked::submission).toList();
                    AcceptedValues.writePart(parts, checked.get(0).entry().ordinal(), checked,
                            chunk.getItems().stream().map(Checked::acceptedLine).toList());
                    ledger.record(runId, checked, reportTemplate);
                    // progress is what is committed: a run killed now keeps exactly what it reported
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            console.chunkRecorded(checked);
                        }
                    });
                })
                .build();
    }

    /** A checked submission with its line of accepted values already written out, on a worker thread. */
    record Checked(CheckedSubmission submission, String acceptedLine) {

        static Checked of(CheckedSubmission submission) {
            return new Checked(submission, AcceptedValues.line(submission));
        }
    }

    /**
     * Reading and checking files is the bulk of the work: one thread per core does it, while the
     * writer stays on one thread, in order. One pool for the program's life, however many runs a
     * schedule starts.
     */
    @Bean
    ThreadPoolTaskExecutor submissionWorkers() {
        ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();
        workers.setCorePoolSize(Runtime.getRuntime().availableProcessors());
        workers.setThreadNamePrefix("check-");
        workers.setDaemon(true);
        return workers;
    }

    @Bean
    Step publish(JobRepository repository, PlatformTransactionManager transactions, PublishTasklet publishTasklet) {
        return new StepBuilder("publish", repository).tasklet(publishTasklet, transactions).build();
    }

    @Bean
    @StepScope
    PublishTasklet publishTasklet(RunLedger ledger, @Value("#{jobParameters['template']}") String template,
            @Value("#{jobParameters['output']}") String output, @Value("#{jobParameters['previous']}") String previous,
            @Value("#{jobParameters['job.name']}") String jobName, @Value("#{jobParameters['year']}") Long year,
            @Value("#{jobParameters['submissions']}") String submissions,
            @Value("#{jobParameters['organisation']}") String organisation,
            @Value("#{jobParameters['deadline']}") String deadline, AsyncTaskExecutor submissionWorkers,
            RunConsole console, JobLocks locks) {
        // an execution started before these keys existed has no such parameters: null, as when unset
        Publication publication = new Publication(organisation == null || organisation.isEmpty() ? null : organisation,
                deadline == null || deadline.isEmpty() ? null : LocalDate.parse(deadline), Path.of(submissions));
        return new PublishTasklet(ledger, TemplateCatalog.load(template), Path.of(output),
                previous.isEmpty() ? null : Path.of(previous), jobName, year.intValue(), publication,
                submissionWorkers, console, locks);
    }
}

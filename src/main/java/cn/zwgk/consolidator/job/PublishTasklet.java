package cn.zwgk.consolidator.job;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.task.AsyncTaskExecutor;

import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.common.Severity;
import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.consolidation.AcceptedValues;
import cn.zwgk.consolidator.consolidation.Consolidation;
import cn.zwgk.consolidator.consolidation.PreviousYear;
import cn.zwgk.consolidator.output.CsvOutput;
import cn.zwgk.consolidator.output.FindingLine;
import cn.zwgk.consolidator.output.HtmlReport;
import cn.zwgk.consolidator.output.OutputFolder;
import cn.zwgk.consolidator.output.StatusLine;
import cn.zwgk.consolidator.publishing.Publication;
import cn.zwgk.consolidator.publishing.ReportFiles;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.validation.RuleChecks;

/**
 * Totals the run, checks the totals, compares them with last year, writes the reports, the annual
 * report draft and the letters to units, and replaces the output folder.
 */
class PublishTasklet implements Tasklet {

    private final RunLedger ledger;
    private final ReportTemplate template;
    private final Path output;
    private final Path previous;
    private final String jobName;
    private final int year;
    private final Publication publication;
    private final AsyncTaskExecutor workers;
    private final RunConsole console;
    private final JobLocks locks;

    PublishTasklet(RunLedger ledger, ReportTemplate template, Path output, Path previous, String jobName, int year,
            Publication publication, AsyncTaskExecutor workers, RunConsole console, JobLocks locks) {
        this.locks = locks;
        this.publication = publication;
        this.workers = workers;
        this.console = console;
        this.ledger = ledger;
        this.template = template;
        this.output = output;
        this.previous = previous;
        this.jobName = jobName;
        this.year = year;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        ReportValues totals = ledger.totals(runId, template);
        Consolidation.verify(totals);
        ledger.storeTotals(runId, totals);

        OutputFolder folder = new OutputFolder(output);
        Path staging = folder.prepare(runId);
        Path parts = folder.partsFolder(runId);
        LocalDateTime asOf = LocalDateTime.now();
        Map<String, String> checksums;
        // the files are independent: each is started as soon as what it needs is known, one per core
        try (ReportFiles files = new ReportFiles(staging, workers)) {
            files.startDocument(totals, year, publication.organisation());
            files.startAcceptedValues(parts, template);
            PreviousYear lastYear = null;
            String unusable = null;
            if (previous != null) {
                try {
                    lastYear = PreviousYear.load(previous, false);
                } catch (PreviousYear.UnusableException e) {
                    unusable = e.getMessage();
                }
            }
            ledger.storeTotalFindings(runId, compareWithLastYear(totals, lastYear, unusable, staging));
            List<StatusLine> status = ledger.statusLines(runId);
            List<FindingLine> findings = ledger.findingLines(runId);
            HtmlReport.Run run = new HtmlReport.Run(jobName, year, status, findings);
            files.startTables(totals, run, template.title(), publication, asOf);

            AcceptedValues.Sums sums = files.acceptedValues();
            Consolidation.requireSame(totals, sums.all());
            files.startChecksum(staging.resolve(AcceptedValues.FILE));
            files.startGroups(sums.groups());
            files.writeHtml(totals, run, lastYear == null ? null : lastYear.totals());
            files.finish();
            checksums = files.checksums();
        }
        Map<SubmissionStatus, Integer> counts = ledger.counts(runId);
        int unitsExpected = counts.get(SubmissionStatus.ACCEPTED) + counts.get(SubmissionStatus.REJECTED)
                + counts.get(SubmissionStatus.MISSING);
        boolean complete = counts.get(SubmissionStatus.ACCEPTED) == unitsExpected
                && counts.get(SubmissionStatus.UNKNOWN) == 0;
        String outcome = complete ? "complete" : "incomplete";
        LocalDateTime finishedAt = LocalDateTime.now().withNano(0);
        Map<String, String> runInfo = new LinkedHashMap<>(PreviousYear.runInfo(jobName, year, template.id(), runId));
        String inputs = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobParameters()
                .getString(ConsolidationLauncher.INPUTS);
        if (inputs != null) {
            // so that a rerun can tell "up to date" from run.yml alone, before starting Spring
            RecordedRun.record(runInfo, inputs, outcome, finishedAt);
        }
        // a run whose lock another process took must not replace that process's outputs
        locks.confirm(jobName);
        // the parts stay until the run has finished: a restart of this step needs them again
        for (String note : folder.commit(staging, runInfo, checksums)) {
            console.out().println(note);
        }
        ledger.finishRun(runId, outcome, unitsExpected, counts, finishedAt);
        return RepeatStatus.FINISHED;
    }

    /** The cross-year rules on the city totals, and comparison.csv; notes when last year is not there. */
    private List<Finding> compareWithLastYear(ReportValues totals, PreviousYear lastYear, String unusable,
            Path staging) throws Exception {
        if (previous == null) {
            return List.of();
        }
        if (lastYear == null) {
            return List.of(Finding.about(Severity.WARNING, "no-previous", "合计：上一年度的输出 " + previous
                    + " 不能使用：" + unusable + "；未做跨年度核对"));
        }
        CsvOutput.writeComparison(staging.resolve("comparison.csv"), totals, lastYear.totals());
        List<Finding> findings = new ArrayList<>();
        for (Finding finding : new RuleChecks(template).check(totals, lastYear.totals())) {
            if (!finding.isError()) {
                findings.add(new Finding(finding.severity(), finding.rule(), finding.table(), finding.row(),
                        finding.column(), finding.expected(), finding.actual(), "合计：" + finding.message()));
            }
        }
        return findings;
    }
}

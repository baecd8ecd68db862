package cn.zwgk.consolidator.job;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import cn.zwgk.consolidator.consolidation.Consolidation;
import cn.zwgk.consolidator.consolidation.RunLedger;
import cn.zwgk.consolidator.output.CsvOutput;
import cn.zwgk.consolidator.output.OutputFolder;
import cn.zwgk.consolidator.submission.SubmissionStatus;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;

/** Totals the run, checks the totals against the rules, and replaces the output folder. */
class PublishTasklet implements Tasklet {

    private final RunLedger ledger;
    private final ReportTemplate template;
    private final Path output;

    PublishTasklet(RunLedger ledger, ReportTemplate template, Path output) {
        this.ledger = ledger;
        this.template = template;
        this.output = output;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        ReportValues totals = ledger.totals(runId, template);
        Consolidation.verify(totals);
        ledger.storeTotals(runId, totals);

        OutputFolder folder = new OutputFolder(output, Long.toString(runId));
        Path staging = folder.prepare();
        CsvOutput.writeValues(staging.resolve("consolidated.csv"), totals);
        CsvOutput.writeStatus(staging.resolve("status.csv"), ledger.statusLines(runId));
        CsvOutput.writeFindings(staging.resolve("findings.csv"), ledger.findingLines(runId));
        folder.commit();

        Map<SubmissionStatus, Integer> counts = ledger.counts(runId);
        int unitsExpected = counts.get(SubmissionStatus.ACCEPTED) + counts.get(SubmissionStatus.REJECTED)
                + counts.get(SubmissionStatus.MISSING);
        boolean complete = counts.get(SubmissionStatus.ACCEPTED) == unitsExpected
                && counts.get(SubmissionStatus.UNKNOWN) == 0;
        ledger.finishRun(runId, complete ? "complete" : "incomplete", unitsExpected, counts);
        return RepeatStatus.FINISHED;
    }
}

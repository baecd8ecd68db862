package cn.zwgk.consolidator.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;


/** Opens the run's line in the history as soon as Spring Batch has given the run its id. */
class RunStartListener implements JobExecutionListener {

    private final RunLedger ledger;

    RunStartListener(RunLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        var parameters = execution.getJobParameters();
        ledger.startRun(execution.getJobInstance().getInstanceId(), parameters.getString("job.name"),
                parameters.getLong("year").intValue(), parameters.getString("template"),
                parameters.getString("output"), parameters.getString("fingerprint"));
    }
}

package cn.zwgk.consolidator;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import cn.zwgk.consolidator.job.InputFingerprint;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.template.ReportTemplate;

/**
 * The input fingerprint of a run, computed on a thread of its own while Spring starts. Closing it
 * stops the pass if still going and waits for its thread: none outlives the run.
 */
final class FingerprintPass implements AutoCloseable {

    private final FutureTask<InputFingerprint.Result> task;
    private final Thread thread;
    private volatile boolean stopped;

    private FingerprintPass(JobDefinition job, ReportTemplate template) {
        this.task = new FutureTask<>(() -> InputFingerprint.compute(job, template, () -> stopped));
        this.thread = new Thread(task, "input-fingerprint");
        thread.setDaemon(true);
    }

    /** The caller holds the job's run lock until it has closed the pass. */
    static FingerprintPass start(JobDefinition job, ReportTemplate template) {
        FingerprintPass pass = new FingerprintPass(job, template);
        pass.thread.start();
        return pass;
    }

    /** Waits for the fingerprint; a failure is thrown as it would have been without the thread. */
    InputFingerprint.Result result() throws InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /**
     * What to report when Spring failed to start: the fingerprint's own failure when it had one
     * already (it came first when the fingerprint ran before Spring), else Spring's.
     */
    RuntimeException failureOr(RuntimeException springFailure) {
        if (task.isDone()) {
            try {
                task.get();
            } catch (ExecutionException e) {
                throw rethrown(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return springFailure;
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    @Override
    public void close() {
        stopped = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

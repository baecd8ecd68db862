package cn.zwgk.consolidator.job;

import java.io.PrintStream;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.submission.CheckedSubmission;

/**
 * What a person at the terminal sees while a run goes on: after each chunk of a long run, how
 * many units have been read of how many, and how many were accepted and rejected so far.
 */
@Component
public class RunConsole {

    private volatile PrintStream out = System.out;
    private long expected;
    private long read;
    private long accepted;
    private long rejected;

    public void use(PrintStream stream) {
        this.out = stream;
    }

    public PrintStream out() {
        return out;
    }

    /** A run starts, or resumes after the entries an interrupted execution recorded. */
    synchronized void start(long entries, long alreadyRead, long alreadyAccepted, long alreadyRejected) {
        expected = entries;
        read = alreadyRead;
        accepted = alreadyAccepted;
        rejected = alreadyRejected;
    }

    synchronized void chunkRecorded(List<? extends CheckedSubmission> chunk) {
        read += chunk.size();
        for (CheckedSubmission checked : chunk) {
            if (checked.status() == SubmissionStatus.ACCEPTED) {
                accepted++;
            } else if (checked.status() == SubmissionStatus.REJECTED) {
                rejected++;
            }
        }
        if (expected > ConsolidationJobConfig.CHUNK_SIZE) {
            out.printf("进度：已读 %d/%d（接收 %d，退回 %d）%n", read, expected, accepted, rejected);
        }
    }
}

package cn.zwgk.consolidator.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import cn.zwgk.consolidator.validation.KnownHashes;

/**
 * The input fingerprint's hashes of the submission files, from the launcher to the check step of
 * the run it starts, by job name: a job runs once at a time in a process (its lock is held).
 */
@Component
public class HandedOverHashes {

    private final Map<String, KnownHashes> byJob = new ConcurrentHashMap<>();

    void handOver(String jobName, KnownHashes hashes) {
        byJob.put(jobName, hashes);
    }

    void takeBack(String jobName) {
        byJob.remove(jobName);
    }

    /** What the launcher handed over for the job's run now starting; nothing when it handed nothing. */
    KnownHashes of(String jobName) {
        return jobName == null ? KnownHashes.NONE : byJob.getOrDefault(jobName, KnownHashes.NONE);
    }
}

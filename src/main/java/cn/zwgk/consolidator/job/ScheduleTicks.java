package cn.zwgk.consolidator.job;

import java.time.LocalDateTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides which process runs a tick of a job's schedule when several with the same schedule share
 * the database: the first to record the tick under its unique key (job name, tick time). The others
 * skip it, whether the winner's run is still going or long finished; the run lock alone could not
 * say the latter. Every process computes the same tick times from the schedule, given clocks set
 * by NTP, as the run lock's time-to-live needs anyway.
 */
@Component
public class ScheduleTicks {

    /** Older ticks are forgotten: a tick is contested only in the seconds around it. */
    static final int KEPT_DAYS = 30;

    private final JdbcTemplate jdbc;
    private final String claimant = JobLocks.THIS_PROCESS;

    public ScheduleTicks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether this process is the one to run job {@code jobName} at {@code tick}. */
    public boolean claim(String jobName, LocalDateTime tick) {
        jdbc.update("DELETE FROM schedule_tick WHERE job_name = ? AND tick < ?", jobName, tick.minusDays(KEPT_DAYS));
        try {
            jdbc.update("INSERT INTO schedule_tick (job_name, tick, claimed_by, claimed_at) VALUES (?, ?, ?, ?)",
                    jobName, tick, claimant, LocalDateTime.now());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Who claimed the tick, for the line that says why this process skipped it. */
    public String claimedBy(String jobName, LocalDateTime tick) {
        return jdbc.queryForList("SELECT claimed_by FROM schedule_tick WHERE job_name = ? AND tick = ?", String.class,
                jobName, tick).stream().findFirst().orElse("另一个程序");
    }
}

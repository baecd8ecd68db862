package cn.zwgk.consolidator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The run lock in the database, on H2: two {@link JobLocks} on one database stand for two
 * processes (two machines). Time passing is the lock row's expiry set in the past, not a wait.
 */
class JobLocksTest {

    private DataSource database;
    private JdbcTemplate jdbc;
    private JobLocks first;
    private JobLocks second;

    @BeforeEach
    void database() throws Exception {
        database = new DriverManagerDataSource("jdbc:h2:mem:locks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (var connection = database.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/common/V5__run_lock.sql"));
        }
        jdbc = new JdbcTemplate(database);
        first = process();
        second = process();
    }

    @AfterEach
    void stop() {
        first.destroy();
        second.destroy();
        jdbc.execute("SHUTDOWN");
    }

    private JobLocks process() {
        return new JobLocks(database, new DataSourceTransactionManager(database), JobLocks.TIME_TO_LIVE, false);
    }

    @Test
    void aSecondProcessIsRefusedWhileTheFirstHoldsTheJob() throws Exception {
        try (JobLocks.Held held = first.hold("bozhou-2020")) {
            assertThatThrownBy(() -> second.hold("bozhou-2020"))
                    .isInstanceOf(RunLock.BusyException.class)
                    .hasMessageContaining("任务 bozhou-2020 正在运行")
                    .hasMessageContaining("进程 " + ProcessHandle.current().pid())
                    .hasMessageContaining("失效");
        }
    }

    @Test
    void aSecondRunInTheSameProcessIsRefused() throws Exception {
        try (JobLocks.Held held = first.hold("bozhou-2020")) {
            assertThatThrownBy(() -> first.hold("bozhou-2020")).isInstanceOf(RunLock.BusyException.class)
                    .hasMessageContaining("本程序中的另一次运行");
        }
    }

    @Test
    void anotherJobIsNotHeldUp() throws Exception {
        try (JobLocks.Held held = first.hold("bozhou-2020"); JobLocks.Held other = second.hold("anhui-2020")) {
            assertThat(rows()).isEqualTo(2);
        }
    }

    @Test
    void releasedLockCanBeTakenAtOnce() throws Exception {
        first.hold("bozhou-2020").close();
        try (JobLocks.Held held = second.hold("bozhou-2020")) {
            assertThat(rows()).isEqualTo(1);
        }
        assertThat(rows()).isZero();
    }

    @Test
    void aDeadHoldersLockLapsesAfterItsTimeToLive() throws Exception {
        first.hold("bozhou-2020"); // never closed nor renewed: the process was killed
        assertThatThrownBy(() -> second.hold("bozhou-2020")).isInstanceOf(RunLock.BusyException.class);
        expireAt(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1));
        try (JobLocks.Held held = second.hold("bozhou-2020")) {
            assertThat(holder()).contains("开始于");
        }
    }

    @Test
    void aDeadHoldersLockOnThisMachineIsFreedAtOnce() throws Exception {
        first.hold("bozhou-2020"); // never closed: the process was killed
        jdbc.update("UPDATE INT_LOCK SET HOLDER_PID = ?", finishedProcess());
        try (JobLocks.Held held = second.hold("bozhou-2020")) {
            assertThat(rows()).isEqualTo(1);
        }
    }

    @Test
    void aHolderWhoseProcessIdANewProcessReusedIsDead() throws Exception {
        first.hold("bozhou-2020");
        jdbc.update("UPDATE INT_LOCK SET HOLDER_PROCESS_START = HOLDER_PROCESS_START - 1000");
        try (JobLocks.Held held = second.hold("bozhou-2020")) {
            assertThat(rows()).isEqualTo(1);
        }
    }

    @Test
    void aHolderOnAnotherMachineIsWaitedOutEvenIfItsProcessIdIsFreeHere() throws Exception {
        first.hold("bozhou-2020");
        jdbc.update("UPDATE INT_LOCK SET HOLDER_HOST = 'portal-2', HOLDER_PID = ?", finishedProcess());
        assertThatThrownBy(() -> second.hold("bozhou-2020")).isInstanceOf(RunLock.BusyException.class);
    }

    private static long finishedProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    @Test
    void renewalKeepsALiveHoldersLockForAnotherTimeToLive() throws Exception {
        try (JobLocks.Held held = first.hold("bozhou-2020")) {
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            expireAt(now.plusSeconds(1)); // about to lapse
            first.renewAll();
            assertThat(expiry()).isAfter(now.plus(JobLocks.TIME_TO_LIVE).minus(JobLocks.RENEWAL));
            assertThatThrownBy(() -> second.hold("bozhou-2020")).isInstanceOf(RunLock.BusyException.class);
            first.confirm("bozhou-2020");
        }
    }

    @Test
    void aHolderWhoseLockAnotherTookMayNotPublish() throws Exception {
        first.hold("bozhou-2020");
        expireAt(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1)); // the first stalled past the time-to-live
        try (JobLocks.Held held = second.hold("bozhou-2020")) {
            first.renewAll();
            assertThatThrownBy(() -> first.confirm("bozhou-2020")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("运行锁已失效");
            second.confirm("bozhou-2020");
        }
    }

    @Test
    void aTickRunsOnceAcrossProcesses() {
        ScheduleTicks mine = new ScheduleTicks(jdbc);
        ScheduleTicks theirs = new ScheduleTicks(jdbc);
        LocalDateTime tick = LocalDateTime.of(2026, 11, 30, 2, 0, 0);
        assertThat(mine.claim("bozhou-2020", tick)).isTrue();
        assertThat(theirs.claim("bozhou-2020", tick)).isFalse();
        assertThat(theirs.claimedBy("bozhou-2020", tick)).contains("进程 " + ProcessHandle.current().pid());
        assertThat(theirs.claim("bozhou-2020", tick.plusMinutes(1))).isTrue();
        assertThat(theirs.claim("anhui-2020", tick)).isTrue();
    }

    private void expireAt(LocalDateTime utc) {
        jdbc.update("UPDATE INT_LOCK SET EXPIRED_AFTER = ?", Timestamp.valueOf(utc));
    }

    private LocalDateTime expiry() {
        return jdbc.queryForObject("SELECT EXPIRED_AFTER FROM INT_LOCK", Timestamp.class).toLocalDateTime();
    }

    private String holder() {
        return jdbc.queryForObject("SELECT HOLDER FROM INT_LOCK", String.class);
    }

    private int rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM INT_LOCK", Integer.class);
    }
}

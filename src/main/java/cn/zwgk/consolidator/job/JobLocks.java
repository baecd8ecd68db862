package cn.zwgk.consolidator.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The run lock in the database, keyed by the job's name: one run of a job at a time across every
 * {@code serve} instance and command-line run that share the database, whatever path each of them
 * uses for the output folder. The rows are those of Spring Integration's lock table, written by its
 * {@link DefaultLockRepository}. A holder renews its row every {@link #RENEWAL}; one that died
 * (kill -9, power cut) stops renewing, and its row lapses within {@link #TIME_TO_LIVE}.
 * The operating-system {@link RunLock} stays: it guards the work done before Spring starts.
 */
@Component
public class JobLocks implements DisposableBean {

    /** How long after its holder's last renewal a lock lapses: the bound the README states. */
    public static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
    /** Three renewals fall in one time-to-live: two may fail (a database hiccup) without loss. */
    static final Duration RENEWAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(JobLocks.class);
    private static final String REGION = "run";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();
    /** This process, as the lock's holder and a tick's claimant are named to users. */
    static final String THIS_PROCESS = "主机 " + HOST + " 进程 " + PID;

    private final DefaultLockRepository store;
    private final JdbcTemplate jdbc;
    private final String clientId = UUID.randomUUID().toString();
    private final Duration timeToLive;
    /** The locks this process holds, by job name: the store would let this process take its own lock twice. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewals;

    @Autowired
    public JobLocks(DataSource dataSource, PlatformTransactionManager transactions) {
        this(dataSource, transactions, TIME_TO_LIVE, true);
    }

    /** @param renewing false in tests, which call {@link #renewAll()} themselves */
    JobLocks(DataSource dataSource, PlatformTransactionManager transactions, Duration timeToLive, boolean renewing) {
        this.timeToLive = timeToLive;
        this.jdbc = new JdbcTemplate(dataSource);
        store = new DefaultLockRepository(dataSource, clientId);
        store.setRegion(REGION);
        store.setTransactionManager(transactions);
        store.setCheckDatabaseOnStart(false); // Flyway made the table
        store.afterPropertiesSet();
        store.afterSingletonsInstantiated();
        if (renewing) {
            renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "run-lock-renewal");
                thread.setDaemon(true);
                return thread;
            });
            renewals.scheduleWithFixedDelay(this::renewAll, RENEWAL.toMillis(), RENEWAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            renewals = null;
        }
    }

    /** The lock of one job, held by this process until closed. */
    public final class Held implements AutoCloseable {

        private final String jobName;
        private final String key;
        private volatile boolean lost;

        private Held(String jobName, String key) {
            this.jobName = jobName;
            this.key = key;
        }

        @Override
        public void close() {
            held.remove(jobName, this);
            try {
                store.delete(key);
            } catch (DataAccessException e) {
                // the row lapses by itself within the time-to-live
                LOG.warn("运行锁未能释放，将于 {} 秒内自动失效 (run lock not released)", timeToLive.toSeconds(), e);
            }
        }
    }

    /**
     * Takes the job's lock at once, or says who holds it.
     *
     * @throws RunLock.BusyException when another run of the job, here or on another machine, holds it
     */
    public Held hold(String jobName) throws RunLock.BusyException {
        String key = UUIDConverter.getUUID(jobName).toString();
        Held lock = new Held(jobName, key);
        if (held.putIfAbsent(jobName, lock) != null) {
            throw busy(jobName, THIS_PROCESS + "，本程序中的另一次运行");
        }
        boolean acquired;
        try {
            acquired = acquire(key) || freedFromDeadHolder(key) && acquire(key);
            if (acquired) {
                jdbc.update("UPDATE INT_LOCK SET HOLDER = ?, HOLDER_HOST = ?, HOLDER_PID = ?, HOLDER_PROCESS_START = ? "
                        + "WHERE REGION = ? AND LOCK_KEY = ? AND CLIENT_ID = ?",
                        THIS_PROCESS + "，开始于 " + LocalDateTime.now().format(TIME), HOST, PID,
                        processStart(ProcessHandle.current()), REGION, key, clientId);
            }
        } catch (RuntimeException e) {
            held.remove(jobName, lock);
            throw e;
        }
        if (!acquired) {
            held.remove(jobName, lock);
            throw busy(jobName, holderOf(key));
        }
        return lock;
    }

    /**
     * A holder on this very machine that is gone (no process with its id, or one started at another
     * time) can be known dead at once, as the operating-system lock knew it: its row is deleted
     * instead of waiting out the time-to-live. Holders on other machines lapse.
     */
    private boolean freedFromDeadHolder(String key) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT CLIENT_ID, HOLDER_HOST, HOLDER_PID, "
                + "HOLDER_PROCESS_START FROM INT_LOCK WHERE REGION = ? AND LOCK_KEY = ?", REGION, key);
        if (rows.isEmpty()) {
            return true; // released meanwhile
        }
        Map<String, Object> row = rows.get(0);
        if (!HOST.equals(row.get("HOLDER_HOST")) || !(row.get("HOLDER_PID") instanceof Number pid)) {
            return false;
        }
        Object started = row.get("HOLDER_PROCESS_START");
        boolean alive = ProcessHandle.of(pid.longValue()).filter(ProcessHandle::isAlive)
                .map(process -> started == null || processStart(process) == null
                        || processStart(process) == ((Number) started).longValue())
                .orElse(false);
        if (alive) {
            return false;
        }
        LOG.info("运行锁的持有者（本机进程 {}）已不在，释放其运行锁 (run lock of a dead process freed)", pid);
        jdbc.update("DELETE FROM INT_LOCK WHERE REGION = ? AND LOCK_KEY = ? AND CLIENT_ID = ?", REGION, key,
                row.get("CLIENT_ID"));
        return true;
    }

    private static Long processStart(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(null);
    }

    /** Two takers at the same instant may make the database refuse one transaction: it asks again. */
    private boolean acquire(String key) {
        for (int attempt = 1;; attempt++) {
            try {
                return store.acquire(key, timeToLive);
            } catch (TransientDataAccessException e) {
                if (attempt == 3) {
                    return false;
                }
            }
        }
    }

    private static RunLock.BusyException busy(String jobName, String holder) {
        return RunLock.BusyException.of(jobName, holder);
    }

    private String holderOf(String key) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT HOLDER, EXPIRED_AFTER FROM INT_LOCK WHERE REGION = ? AND LOCK_KEY = ?", REGION, key);
        if (rows.isEmpty()) {
            return "另一个程序，刚刚结束"; // released between our attempt and this look
        }
        Object holder = rows.get(0).get("HOLDER");
        Object expiry = rows.get(0).get("EXPIRED_AFTER");
        String until = expiry instanceof Timestamp time
                ? "；运行锁在数据库中，持有者若已停止，至迟 " + time.toLocalDateTime().atOffset(ZoneOffset.UTC)
                        .atZoneSameInstant(ZoneId.systemDefault()).format(TIME) + " 失效"
                : "";
        return (holder == null ? "另一个程序" : holder) + until;
    }

    /**
     * Renews every lock this process holds. One that another process took meanwhile (its holder
     * stalled past the time-to-live) is marked lost: {@link #confirm} then refuses to publish.
     */
    void renewAll() {
        for (Held lock : held.values()) {
            try {
                if (!store.renew(lock.key, timeToLive)) {
                    lock.lost = true;
                    LOG.error("任务 {} 的运行锁已被另一程序取得，本次运行不会发布输出 (run lock lost)", lock.jobName);
                }
            } catch (DataAccessException e) {
                LOG.warn("运行锁续期失败，{} 秒后重试 (run lock renewal failed)", RENEWAL.toSeconds(), e);
            }
        }
    }

    /**
     * Says, just before a run puts its outputs in place, that this process still holds the job's
     * lock, renewing it once more; a run whose lock another process took (after this one could not
     * renew it for the whole time-to-live) stops here and leaves the output as it was.
     */
    public void confirm(String jobName) {
        Held lock = held.get(jobName);
        if (lock == null) {
            return; // a run started without the launcher, as some tests do
        }
        boolean renewed;
        try {
            // the row keeps our id until another process takes it: renewing it proves nobody did
            renewed = !lock.lost && store.renew(lock.key, timeToLive);
        } catch (DataAccessException e) {
            renewed = false;
        }
        if (!renewed) {
            lock.lost = true;
            throw new IllegalStateException("任务 " + jobName + " 的运行锁已失效（" + timeToLive.toSeconds()
                    + " 秒内未能续期，已被另一程序取得，或数据库不可用），本次运行不发布输出 (run lock lost, outputs not published)");
        }
    }

    @Override
    public void destroy() {
        if (renewals != null) {
            renewals.shutdownNow();
        }
        for (Held lock : held.values()) {
            lock.close();
        }
    }

    /** The machine's name, as the kernel has it: instant, unlike a lookup of the local address. */
    static String hostName() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException unknown) {
                return "?";
            }
        }
    }
}

package cn.zwgk.consolidator.portal;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/** The portal's sign-ins in the job's database: user name, name, office or unit, the password's hash. */
public class AccountStore {

    /** The office's user name (SPEC 8). */
    public static final String OFFICE = "office";

    /** Failed sign-ins in a row that lock an account for {@link #LOCK_MINUTES}. */
    static final int MOST_FAILURES = 5;
    static final int LOCK_MINUTES = 15;

    public record Account(String user, String name, boolean office, String passwordHash, int failures,
            LocalDateTime lockedUntil) {

        public boolean lockedAt(LocalDateTime now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    /** A sign-in to create, its password already hashed. */
    public record NewAccount(String user, String name, boolean office, String passwordHash) {
    }

    private final JdbcTemplate jdbc;

    public AccountStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Set<String> users() {
        return new HashSet<>(jdbc.queryForList("SELECT user_name FROM portal_account", String.class));
    }

    public Account find(String user) {
        List<Account> found = jdbc.query("SELECT user_name, display_name, office, password_hash, failed_sign_ins,"
                + " locked_until FROM portal_account WHERE user_name = ?", (rs, i) -> new Account(rs.getString(1),
                        rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getInt(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toLocalDateTime()), user);
        return found.isEmpty() ? null : found.get(0);
    }

    public void create(List<NewAccount> accounts) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        jdbc.batchUpdate("INSERT INTO portal_account (user_name, display_name, office, password_hash, created_at,"
                + " failed_sign_ins) VALUES (?, ?, ?, ?, ?, 0)", accounts, 1000, (statement, account) -> {
                    statement.setString(1, account.user());
                    statement.setString(2, account.name());
                    statement.setBoolean(3, account.office());
                    statement.setString(4, account.passwordHash());
                    statement.setTimestamp(5, now);
                });
    }

    /** A new password, and the lock of failed sign-ins lifted. */
    public boolean reset(String user, String passwordHash) {
        return jdbc.update("UPDATE portal_account SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL"
                + " WHERE user_name = ?", passwordHash, user) == 1;
    }

    /** Counts a failed sign-in; the {@value #MOST_FAILURES}th in a row locks the account for a while. */
    public void failed(String user) {
        jdbc.update("UPDATE portal_account SET failed_sign_ins = failed_sign_ins + 1 WHERE user_name = ?", user);
        jdbc.update("UPDATE portal_account SET locked_until = ?, failed_sign_ins = 0 WHERE user_name = ?"
                + " AND failed_sign_ins >= ?", Timestamp.valueOf(LocalDateTime.now().plusMinutes(LOCK_MINUTES)), user,
                MOST_FAILURES);
    }

    public void succeeded(String user) {
        jdbc.update("UPDATE portal_account SET failed_sign_ins = 0 WHERE user_name = ? AND failed_sign_ins <> 0", user);
    }
}

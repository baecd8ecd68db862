package cn.zwgk.consolidator.portal;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** Who signed in (or failed to), uploaded, explained or ran a job, when and from where. */
public class AuditTrail {

    public record Entry(LocalDateTime at, String user, String address, String action, String job, String unit,
            String detail) {
    }

    private final JdbcTemplate jdbc;

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String user, String address, String action, String job, String unit, String detail) {
        jdbc.update("INSERT INTO portal_audit (happened_at, user_name, address, action, job_name, unit_code, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", Timestamp.valueOf(LocalDateTime.now()), clip(user, 200),
                clip(address, 100), action, job, unit, clip(detail, 2000));
    }

    /** The newest entries first. */
    public List<Entry> latest(int most) {
        return jdbc.query("SELECT happened_at, user_name, address, action, job_name, unit_code, detail FROM portal_audit"
                + " ORDER BY audit_id DESC FETCH FIRST " + most + " ROWS ONLY", (rs, i) -> new Entry(
                        rs.getTimestamp(1).toLocalDateTime(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
    }

    /** Every entry, oldest first, one at a time: the office reads the whole trail as a file. */
    public void each(java.util.function.Consumer<Entry> action) {
        jdbc.query("SELECT happened_at, user_name, address, action, job_name, unit_code, detail FROM portal_audit"
                + " ORDER BY audit_id", rs -> {
                    action.accept(new Entry(rs.getTimestamp(1).toLocalDateTime(), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                });
    }

    private static String clip(String text, int most) {
        return text == null || text.length() <= most ? text : text.substring(0, most);
    }
}

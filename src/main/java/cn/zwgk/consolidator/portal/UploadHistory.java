package cn.zwgk.consolidator.portal;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** Every version of every unit's file that reached the portal, with its bytes, in the job's database. */
public class UploadHistory {

    /** One version, without its bytes. */
    public record Upload(long id, String job, String unit, LocalDateTime uploadedAt, String uploadedBy,
            String fileName, String storedAs, long size, String sha256, String status, int errors, int warnings) {
    }

    private static final String COLUMNS = "upload_id, job_name, unit_code, uploaded_at, uploaded_by, file_name,"
            + " stored_as, size_bytes, sha256, status, errors, warnings";

    private final JdbcTemplate jdbc;

    public UploadHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(Upload upload, byte[] content) {
        jdbc.update("INSERT INTO portal_upload (job_name, unit_code, uploaded_at, uploaded_by, file_name, stored_as,"
                + " size_bytes, sha256, status, errors, warnings, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                upload.job(), upload.unit(), Timestamp.valueOf(upload.uploadedAt()), upload.uploadedBy(),
                upload.fileName(), upload.storedAs(), upload.size(), upload.sha256(), upload.status(), upload.errors(),
                upload.warnings(), content);
    }

    /** The unit's versions, newest first. */
    public List<Upload> of(String job, String unit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM portal_upload WHERE job_name = ? AND unit_code = ?"
                + " ORDER BY upload_id DESC", (rs, i) -> upload(rs), job, unit);
    }

    public Upload find(long id) {
        List<Upload> found = jdbc.query("SELECT " + COLUMNS + " FROM portal_upload WHERE upload_id = ?",
                (rs, i) -> upload(rs), id);
        return found.isEmpty() ? null : found.get(0);
    }

    public byte[] content(long id) {
        return jdbc.queryForObject("SELECT content FROM portal_upload WHERE upload_id = ?", byte[].class, id);
    }

    public boolean holds(String job, String unit, String sha256) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM portal_upload WHERE job_name = ? AND unit_code = ?"
                + " AND sha256 = ?", Integer.class, job, unit, sha256);
        return count != null && count > 0;
    }

    /** The time of each unit's latest upload of a job. */
    public java.util.Map<String, LocalDateTime> lastUploads(String job) {
        java.util.Map<String, LocalDateTime> last = new java.util.HashMap<>();
        jdbc.query("SELECT unit_code, MAX(uploaded_at) FROM portal_upload WHERE job_name = ? AND status <> 'replaced'"
                + " GROUP BY unit_code", rs -> {
                    last.put(rs.getString(1), rs.getTimestamp(2).toLocalDateTime());
                }, job);
        return last;
    }

    private static Upload upload(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Upload(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toLocalDateTime(),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                rs.getInt(11), rs.getInt(12));
    }
}

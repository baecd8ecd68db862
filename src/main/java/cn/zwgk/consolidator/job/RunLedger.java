package cn.zwgk.consolidator.job;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.output.FindingLine;
import cn.zwgk.consolidator.output.StatusLine;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;

/**
 * The run history in the database: what each run received, found and totalled. Writes are batched
 * per chunk of submissions, inside the chunk's transaction.
 */
public class RunLedger {

    private final JdbcTemplate jdbc;

    public RunLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the run's line; a restarted run keeps its line, its start and what it recorded. */
    public void startRun(long runId, String jobName, int year, String template, String outputFolder,
            String fingerprint) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM consolidation_run WHERE run_id = ?", Integer.class,
                runId);
        if (known == 0) {
            jdbc.update("INSERT INTO consolidation_run (run_id, job_name, report_year, template, output_folder, "
                    + "fingerprint, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)", runId, jobName, year, template,
                    outputFolder, fingerprint, Timestamp.valueOf(LocalDateTime.now()));
        }
    }

    /** Records one chunk: its submissions, their findings and the sum of the accepted ones. */
    public void record(long runId, List<? extends CheckedSubmission> chunk, ReportTemplate template) {
        List<Object[]> submissions = new ArrayList<>(chunk.size());
        List<Object[]> findings = new ArrayList<>();
        ReportValues sum = null;
        for (CheckedSubmission checked : chunk) {
            var entry = checked.entry();
            submissions.add(new Object[] {runId, entry.ordinal(), entry.code(),
                    entry.unit() == null ? null : entry.unit().name(), entry.unit() == null ? null : entry.unit().group(),
                    entry.file(), checked.sha256(), checked.size(), checked.status().code(), checked.errors(),
                    checked.warnings()});
            int seq = 0;
            for (Finding f : checked.findings()) {
                findings.add(new Object[] {runId, entry.ordinal(), seq++, f.severity().code(), f.rule(), f.table(),
                        f.row(), f.column(), clip(f.expected(), 200), clip(f.actual(), 200), clip(f.message(), 2000)});
            }
            if (checked.values() != null) {
                if (sum == null) {
                    sum = new ReportValues(template);
                }
                sum.add(checked.values());
            }
        }
        jdbc.batchUpdate("INSERT INTO submission (run_id, ordinal, unit_code, unit_name, unit_group, file_path, "
                + "sha256, size_bytes, status, errors, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", submissions);
        if (!findings.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO finding (run_id, ordinal, seq, severity, rule, table_code, row_code, "
                    + "column_code, expected, actual, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", findings);
        }
        if (sum != null) {
            List<Object[]> partial = new ArrayList<>(template.cellCount());
            int first = chunk.get(0).entry().ordinal();
            for (Cell cell : template.cells()) {
                partial.add(new Object[] {runId, first, cell.index(), sum.decimal(cell.index())});
            }
            jdbc.batchUpdate("INSERT INTO partial_total (run_id, first_ordinal, cell, cell_value) VALUES (?, ?, ?, ?)",
                    partial);
        }
    }

    /** The sum of every accepted submission of the run. */
    public ReportValues totals(long runId, ReportTemplate template) {
        ReportValues totals = new ReportValues(template);
        jdbc.query("SELECT cell, SUM(cell_value) FROM partial_total WHERE run_id = ? GROUP BY cell", rs -> {
            totals.add(rs.getInt(1), rs.getBigDecimal(2));
        }, runId);
        return totals;
    }

    /** A run that published its outputs. */
    public record PublishedRun(long runId, java.time.LocalDateTime finishedAt, String outcome) {
    }

    /** The latest run of the job that published outputs for exactly these inputs, or null. */
    public PublishedRun latestPublished(String jobName, String fingerprint) {
        List<PublishedRun> runs = jdbc.query("SELECT run_id, finished_at, outcome FROM consolidation_run "
                + "WHERE job_name = ? AND fingerprint = ? AND outcome IS NOT NULL ORDER BY finished_at DESC, run_id DESC",
                (rs, i) -> new PublishedRun(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime(), rs.getString(3)),
                jobName, fingerprint);
        return runs.isEmpty() ? null : runs.get(0);
    }

    public Map<SubmissionStatus, Integer> counts(long runId) {
        Map<SubmissionStatus, Integer> counts = new EnumMap<>(SubmissionStatus.class);
        for (SubmissionStatus status : SubmissionStatus.values()) {
            counts.put(status, 0);
        }
        jdbc.query("SELECT status, COUNT(*) FROM submission WHERE run_id = ? GROUP BY status",
                rs -> {
                    counts.put(SubmissionStatus.fromCode(rs.getString(1)), rs.getInt(2));
                }, runId);
        return counts;
    }

    public List<StatusLine> statusLines(long runId) {
        return jdbc.query("SELECT unit_code, unit_name, unit_group, status, errors, warnings, file_path, sha256 "
                + "FROM submission WHERE run_id = ? ORDER BY ordinal", (rs, i) -> new StatusLine(rs.getString(1),
                        rs.getString(2), rs.getString(3), SubmissionStatus.fromCode(rs.getString(4)), rs.getLong(5), rs.getLong(6),
                        rs.getString(7), rs.getString(8)), runId);
    }

    public List<FindingLine> findingLines(long runId) {
        // a warning's 说明 from the portal counts while the warning reads as it did when explained
        return jdbc.query("SELECT COALESCE(s.unit_code, 'consolidated'), CASE WHEN s.unit_code IS NULL "
                + "THEN 'consolidated.csv' ELSE s.file_path END, f.severity, f.rule, f.table_code, f.row_code, "
                + "f.column_code, f.expected, f.actual, f.message, e.explanation FROM finding f LEFT JOIN submission s "
                + "ON s.run_id = f.run_id AND s.ordinal = f.ordinal "
                + "LEFT JOIN consolidation_run r ON r.run_id = f.run_id "
                + "LEFT JOIN portal_explanation e ON f.severity = 'warning' AND e.job_name = r.job_name "
                + "AND e.unit_code = s.unit_code AND e.rule = f.rule AND e.table_code = COALESCE(f.table_code, '') "
                + "AND e.row_code = COALESCE(f.row_code, '') AND e.column_code = COALESCE(f.column_code, '') "
                + "AND e.warning = f.message WHERE f.run_id = ? ORDER BY f.ordinal, f.seq",
                (rs, i) -> new FindingLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11)), runId);
    }

    /**
     * The inputs' fingerprint with the portal's 说明 of the job's warnings folded in: a new or
     * changed 说明 is a changed input (findings.csv and report.html carry it). Unchanged when
     * there are none.
     */
    public String withExplanations(String jobName, String fingerprint) {
        StringBuilder text = new StringBuilder();
        jdbc.query("SELECT unit_code, rule, table_code, row_code, column_code, warning, explanation FROM "
                + "portal_explanation WHERE job_name = ? ORDER BY unit_code, rule, table_code, row_code, column_code",
                rs -> {
                    for (int column = 1; column <= 7; column++) {
                        text.append(rs.getString(column)).append('\u0000');
                    }
                    text.append('\n');
                }, jobName);
        return text.isEmpty() ? fingerprint : cn.zwgk.consolidator.common.Sha256.hex(fingerprint + "\n" + text);
    }

    /** Findings about the city totals are kept after every unit's, under the ordinal no unit has. */
    public static final int TOTALS_ORDINAL = Integer.MAX_VALUE;

    public void storeTotalFindings(long runId, List<Finding> findings) {
        jdbc.update("DELETE FROM finding WHERE run_id = ? AND ordinal = ?", runId, TOTALS_ORDINAL);
        List<Object[]> rows = new ArrayList<>();
        int seq = 0;
        for (Finding f : findings) {
            rows.add(new Object[] {runId, TOTALS_ORDINAL, seq++, f.severity().code(), f.rule(), f.table(), f.row(),
                    f.column(), clip(f.expected(), 200), clip(f.actual(), 200), clip(f.message(), 2000)});
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO finding (run_id, ordinal, seq, severity, rule, table_code, row_code, "
                    + "column_code, expected, actual, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        }
    }

    /** Keeps the city totals of the run; a restarted run replaces what an interrupted one left. */
    public void storeTotals(long runId, ReportValues totals) {
        jdbc.update("DELETE FROM consolidated_value WHERE run_id = ?", runId);
        List<Object[]> rows = new ArrayList<>();
        for (Cell cell : totals.template().cells()) {
            rows.add(new Object[] {runId, cell.index(), cell.table().code(), cell.row().code(), cell.column().code(),
                    totals.decimal(cell.index())});
        }
        jdbc.batchUpdate("INSERT INTO consolidated_value (run_id, cell, table_code, row_code, column_code, cell_value) "
                + "VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    public void finishRun(long runId, String outcome, int expected, Map<SubmissionStatus, Integer> counts,
            LocalDateTime finishedAt) {
        jdbc.update("UPDATE consolidation_run SET finished_at = ?, outcome = ?, units_expected = ?, units_accepted = ?, "
                + "units_rejected = ?, units_missing = ?, units_unknown = ? WHERE run_id = ?", Timestamp.valueOf(finishedAt),
                outcome, expected, counts.get(SubmissionStatus.ACCEPTED), counts.get(SubmissionStatus.REJECTED),
                counts.get(SubmissionStatus.MISSING), counts.get(SubmissionStatus.UNKNOWN), runId);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

}

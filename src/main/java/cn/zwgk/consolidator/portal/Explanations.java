package cn.zwgk.consolidator.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.output.OutputFolder;

/**
 * The 说明 a unit writes for each warning of its current submission. An explanation belongs to
 * what the warning is about (rule, table, row, column) and to its words: a later upload on which
 * the same warning recurs unchanged keeps it; a warning that changed needs a new one.
 */
public final class Explanations {

    /** Longest 说明 kept, in characters. */
    static final int MOST_CHARACTERS = 2000;

    /** What a warning is about; fields the warning has not are empty. */
    public record Key(String rule, String table, String row, String column) {

        public static Key of(Finding finding) {
            return new Key(finding.rule(), blank(finding.table()), blank(finding.row()), blank(finding.column()));
        }

        private static String blank(String text) {
            return text == null ? "" : text;
        }
    }

    /** One 说明 as given through a page or the API. */
    public record Given(Key key, String text) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public Explanations(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The warnings of a submission: what needs a 说明. */
    public static List<Finding> warnings(List<Finding> findings) {
        return findings.stream().filter(finding -> !finding.isError()).toList();
    }

    /** The 说明 of each current warning that has one, by the warning's key. */
    public Map<Key, String> of(String job, String unit, List<Finding> findings) {
        Map<Key, String[]> stored = new HashMap<>();
        jdbc.query("SELECT rule, table_code, row_code, column_code, warning, explanation FROM portal_explanation"
                + " WHERE job_name = ? AND unit_code = ?", rs -> {
                    stored.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                            new String[] {rs.getString(5), rs.getString(6)});
                }, job, unit);
        Map<Key, String> current = new HashMap<>();
        for (Finding warning : warnings(findings)) {
            String[] explained = stored.get(Key.of(warning));
            if (explained != null && explained[0].equals(warning.message())) {
                current.put(Key.of(warning), explained[1]);
            }
        }
        return current;
    }

    /** Whether every warning of the findings has its 说明. */
    public boolean explained(String job, String unit, List<Finding> findings) {
        List<Finding> warnings = warnings(findings);
        return warnings.isEmpty() || of(job, unit, findings).size() == warnings.stream().map(Key::of).distinct().count();
    }

    /**
     * Keeps the given 说明, each for a warning of the current findings.
     *
     * @throws PortalException 400 naming the first one that matches no current warning, or is empty or too long
     */
    public void save(String job, Path output, String unit, List<Finding> findings, List<Given> given, String user) {
        Map<Key, Finding> warnings = new HashMap<>();
        for (Finding warning : warnings(findings)) {
            warnings.put(Key.of(warning), warning);
        }
        List<Object[]> rows = new ArrayList<>();
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        for (Given one : given) {
            Finding warning = one.key() == null ? null : warnings.get(one.key());
            if (warning == null) {
                throw new PortalException(400, "当前报送文件没有这条提示（规则 " + (one.key() == null ? "" : one.key().rule())
                        + "），无需说明；请刷新页面查看当前的提示 (no such warning)");
            }
            String text = one.text() == null ? "" : one.text().strip();
            if (text.isEmpty() || text.length() > MOST_CHARACTERS) {
                throw new PortalException(400, "说明不能为空，也不能超过 " + MOST_CHARACTERS + " 个字 (empty or too long)");
            }
            rows.add(new Object[] {job, unit, one.key().rule(), one.key().table(), one.key().row(), one.key().column(),
                warning.message(), text, now, user});
        }
        transactions.executeWithoutResult(status -> {
            for (Object[] row : rows) {
                jdbc.update("DELETE FROM portal_explanation WHERE job_name = ? AND unit_code = ? AND rule = ?"
                        + " AND table_code = ? AND row_code = ? AND column_code = ?", row[0], row[1], row[2], row[3],
                        row[4], row[5]);
                jdbc.update("INSERT INTO portal_explanation (job_name, unit_code, rule, table_code, row_code, column_code,"
                        + " warning, explanation, written_at, written_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row);
            }
        });
        // after the commit: a run that took the note away before reading the 说明 has read these
        try {
            new OutputFolder(output).markExplanationsChanged();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

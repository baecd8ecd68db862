import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The yardstick of tools/benchmark.sh: DuckDB's read_csv + GROUP BY over a folder of submissions.
 *
 * <pre>
 * java -cp duckdb_jdbc.jar:classes DuckDbSum sum FOLDER SUMS.csv        (timed by the benchmark)
 * java -cp duckdb_jdbc.jar:classes DuckDbSum compare SUMS.csv consolidated.csv
 * </pre>
 *
 * Values are read as DECIMAL, as the program reads them: summing doubles would round amounts.
 * {@code sum} also prints how long the query itself took ({@code query-seconds 0.812}) and how long
 * opening the connection took, which loads the native library out of the jar: the benchmark shows
 * DuckDB's own work beside its whole process.
 */
public class DuckDbSum {

    private static final String SUBMISSION_COLUMNS =
            "{'table': 'VARCHAR', 'row': 'VARCHAR', 'column': 'VARCHAR', 'value': 'DECIMAL(18,6)'}";

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("sum") || args[0].equals("compare"))) {
            System.err.println("usage: DuckDbSum sum FOLDER SUMS.csv | DuckDbSum compare SUMS.csv consolidated.csv");
            System.exit(2);
        }
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            if (args[0].equals("sum")) {
                long connected = System.nanoTime();
                statement.execute("COPY (SELECT \"table\", \"row\", \"column\", sum(value) AS value"
                        + " FROM read_csv(" + literal(args[1] + "/*.csv") + ", header = true, auto_detect = false,"
                        + " delim = ',', quote = '\"', columns = " + SUBMISSION_COLUMNS + ")"
                        + " GROUP BY ALL ORDER BY ALL) TO " + literal(args[2]) + " (HEADER, DELIMITER ',')");
                long done = System.nanoTime();
                System.out.printf(java.util.Locale.ROOT, "connect-seconds %.3f%nquery-seconds %.3f%n",
                        (connected - start) / 1e9, (done - connected) / 1e9);
            } else {
                System.exit(compare(statement, args[1], args[2]));
            }
        }
    }

    /** Every cell of both files, by table, row and column, with equal values; prints the others. */
    private static int compare(Statement statement, String sums, String consolidated) throws Exception {
        String duck = "read_csv(" + literal(sums) + ", header = true, auto_detect = false, delim = ',', quote = '\"',"
                + " columns = {'table': 'VARCHAR', 'row': 'VARCHAR', 'column': 'VARCHAR', 'value': 'DECIMAL(38,6)'})";
        // consolidated.csv starts with a BOM and has a label column; the header line is skipped anyway
        String ours = "read_csv(" + literal(consolidated) + ", header = true, auto_detect = false, delim = ',',"
                + " quote = '\"', columns = {'table': 'VARCHAR', 'row': 'VARCHAR', 'column': 'VARCHAR',"
                + " 'value': 'DECIMAL(38,6)', 'label': 'VARCHAR'})";
        int cells = 0;
        int different = 0;
        try (ResultSet rs = statement.executeQuery("SELECT coalesce(d.\"table\", c.\"table\"), coalesce(d.\"row\", c.\"row\"),"
                + " coalesce(d.\"column\", c.\"column\"), d.value, c.value FROM " + duck + " d FULL OUTER JOIN " + ours
                + " c ON d.\"table\" = c.\"table\" AND d.\"row\" = c.\"row\" AND d.\"column\" = c.\"column\" ORDER BY ALL")) {
            while (rs.next()) {
                cells++;
                Object d = rs.getBigDecimal(4);
                Object c = rs.getBigDecimal(5);
                if (d == null || c == null || rs.getBigDecimal(4).compareTo(rs.getBigDecimal(5)) != 0) {
                    different++;
                    if (different <= 10) {
                        System.out.println("differs: " + rs.getString(1) + "," + rs.getString(2) + "," + rs.getString(3)
                                + " DuckDB " + d + ", consolidated.csv " + c);
                    }
                }
            }
        }
        System.out.println(different == 0 ? "DuckDB's sums equal consolidated.csv: " + cells + " cells"
                : different + " of " + cells + " cells differ between DuckDB's sums and consolidated.csv");
        return different == 0 && cells > 0 ? 0 : 1;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}

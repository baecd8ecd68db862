package cn.zwgk.consolidator;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;

/**
 * A generated job of many units under a registry of {@code units} codes, with a job file, in
 * {@code root}: either copies of the bundled 亳州 submissions ({@link #write}) or gov-2019
 * submissions with values of their own ({@link #writeDistinct}).
 */
public final class LargeInput {

    private LargeInput() {
    }

    /** Copies of the 13 bundled submissions. @return the job file */
    public static Path write(Path root, int units) throws IOException {
        Path submissions = emptyFolders(root);
        List<byte[]> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("input/bozhou-2020/submissions"))) {
            for (Path file : files.sorted().toList()) {
                samples.add(Files.readAllBytes(file));
            }
        }
        writeRegistry(root, units);
        for (int i = 0; i < units; i++) {
            Files.write(submissions.resolve(code(i) + ".csv"), samples.get(i % samples.size()));
        }
        return writeJob(root, "large-" + units);
    }

    /**
     * Valid gov-2019 submissions with values drawn from {@code new Random(seed)}: every unit its
     * own, every rule of the template holding, so that nothing can be read once and reused.
     * The same seed writes the same bytes. @return the job file
     */
    public static Path writeDistinct(Path root, int units, long seed) throws IOException {
        Path submissions = emptyFolders(root);
        writeRegistry(root, units);
        DistinctSubmissions generator = new DistinctSubmissions(seed);
        for (int i = 0; i < units; i++) {
            Files.write(submissions.resolve(code(i) + ".csv"), generator.next());
        }
        return writeJob(root, "distinct-" + units);
    }

    /**
     * Complete gov-2019 files, one cell a line in the template's order (as the blank form and
     * most exports write them), values in the ranges real units report.
     */
    static final class DistinctSubmissions {

        private static final ReportTemplate TEMPLATE = TemplateCatalog.load("gov-2019");
        private static final String[] APPLICANTS = {"natural", "commercial", "research", "nonprofit", "legal_service", "other"};
        private static final String[] RESULTS = {"3.1", "3.2", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "3.3.6", "3.3.7",
                "3.3.8", "3.4.1", "3.4.2", "3.4.3", "3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5", "3.6"};
        private static final String[] APPEAL_ROWS = {"review", "litigation_direct", "litigation_after_review"};
        private static final String[] OUTCOMES = {"upheld", "corrected", "other", "pending"};

        private final Random random;

        DistinctSubmissions(long seed) {
            this.random = new Random(seed);
        }

        byte[] next() {
            String[] values = new String[TEMPLATE.cellCount()];
            for (Cell cell : TEMPLATE.cells()) {
                if (cell.table().code().equals("2")) {
                    values[cell.index()] = switch (cell.type()) {
                        case COUNT -> Long.toString(count(cell.row().code(), cell.column().code()));
                        case CHANGE -> Long.toString(random.nextInt(201) - 100);
                        // 万元 with up to 3 decimals, as the sample reports them
                        case AMOUNT -> BigDecimal.valueOf(random.nextInt(100_000_000), 3).toPlainString();
                    };
                }
            }
            applications(values);
            appeals(values);
            StringBuilder file = new StringBuilder(4200).append("table,row,column,value\n");
            for (Cell cell : TEMPLATE.cells()) {
                file.append(cell.table().code()).append(',').append(cell.row().code()).append(',')
                        .append(cell.column().code()).append(',').append(values[cell.index()]).append('\n');
            }
            return file.toString().getBytes(StandardCharsets.US_ASCII);
        }

        private long count(String row, String column) {
            return (row.startsWith("20.5") || row.startsWith("20.6")) && column.equals("decisions")
                    ? random.nextInt(500_000) : random.nextInt(1_000);
        }

        /** 表三, column by column: results add up to 3.7, and 1 + 2 = 3.7 + 4; row totals across. */
        private void applications(String[] values) {
            long[] rowTotals = new long[TEMPLATE.table("3").rows().size()];
            for (String column : APPLICANTS) {
                long results = 0;
                for (String row : RESULTS) {
                    long v = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
                    results += put(values, rowTotals, "3", row, column, v);
                }
                put(values, rowTotals, "3", "3.7", column, results);
                long carriedForward = put(values, rowTotals, "3", "4", column, random.nextInt(5));
                long carriedOver = put(values, rowTotals, "3", "2", column,
                        random.nextInt((int) (results + carriedForward) + 1));
                put(values, rowTotals, "3", "1", column, results + carriedForward - carriedOver);
            }
            List<String> rows = TEMPLATE.table("3").rows().stream().map(r -> r.code()).toList();
            for (int r = 0; r < rows.size(); r++) {
                values[TEMPLATE.indexOf("3", rows.get(r), "total")] = Long.toString(rowTotals[r]);
            }
        }

        /** 表四, row by row: the four outcomes add up to the total. */
        private void appeals(String[] values) {
            for (String row : APPEAL_ROWS) {
                long total = 0;
                for (String outcome : OUTCOMES) {
                    long v = random.nextInt(6);
                    values[TEMPLATE.indexOf("4", row, outcome)] = Long.toString(v);
                    total += v;
                }
                values[TEMPLATE.indexOf("4", row, "total")] = Long.toString(total);
            }
        }

        private static long put(String[] values, long[] rowTotals, String table, String row, String column, long value) {
            values[TEMPLATE.indexOf(table, row, column)] = Long.toString(value);
            int r = 0;
            while (!TEMPLATE.table(table).rows().get(r).code().equals(row)) {
                r++;
            }
            rowTotals[r] += value;
            return value;
        }
    }

    private static String code(int i) {
        return String.format("unit-%05d", i);
    }

    private static Path emptyFolders(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path submissions = root.resolve("submissions");
        Files.createDirectories(submissions);
        return submissions;
    }

    private static void writeRegistry(Path root, int units) throws IOException {
        try (Writer registry = Files.newBufferedWriter(root.resolve("units.csv"), StandardCharsets.UTF_8)) {
            registry.write("code,name,group\n");
            for (int i = 0; i < units; i++) {
                registry.write(code(i) + ",第" + i + "号单位,第" + (i % 100) + "组\n");
            }
        }
    }

    private static Path writeJob(Path root, String name) throws IOException {
        Path job = root.resolve("job.yml");
        Files.writeString(job, "name: " + name + "\nyear: 2020\ntemplate: gov-2019\nunits: " + root.resolve("units.csv")
                + "\nsubmissions: " + root.resolve("submissions") + "\noutput: " + root.resolve("output") + "\n",
                StandardCharsets.UTF_8);
        return job;
    }
}

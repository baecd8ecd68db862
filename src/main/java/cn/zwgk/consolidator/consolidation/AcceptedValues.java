package cn.zwgk.consolidator.consolidation;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import cn.zwgk.consolidator.common.SpreadsheetText;
import cn.zwgk.consolidator.output.CsvOutput;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;

/**
 * The values of every accepted unit, one line a unit ({@code accepted-values.csv} in the output
 * folder): next year's run compares each unit with it, and group subtotals are summed from it.
 * While a run goes on, each chunk writes its own part files, named by the chunk's first entry,
 * so that a restarted chunk simply writes its parts again.
 */
public final class AcceptedValues {

    public static final String FILE = "accepted-values.csv";

    private AcceptedValues() {
    }

    /**
     * Writes the accepted units of one chunk, and their sums by registry group, so that publishing
     * needs no second reading of four million values; safe to repeat for the same chunk.
     */
    public static void writePart(Path parts, int firstOrdinal, List<? extends CheckedSubmission> chunk,
            List<String> lines) {
        try {
            Files.createDirectories(parts);
            String name = String.format("%010d", firstOrdinal);
            Map<String, ReportValues> sums = new TreeMap<>();
            Path writing = parts.resolve(name + ".writing");
            try (Writer out = Files.newBufferedWriter(writing, StandardCharsets.UTF_8)) {
                for (int u = 0; u < chunk.size(); u++) {
                    CheckedSubmission checked = chunk.get(u);
                    if (checked.values() != null) {
                        out.write(lines.get(u));
                        String group = checked.entry().unit().group();
                        sums.computeIfAbsent(group == null ? UNGROUPED : GROUP + group,
                                g -> new ReportValues(checked.values().template())).add(checked.values());
                    }
                }
            }
            Path sumsWriting = parts.resolve(name + ".sums-writing");
            try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(sumsWriting, StandardCharsets.UTF_8),
                    CSVFormat.DEFAULT)) {
                for (Map.Entry<String, ReportValues> sum : sums.entrySet()) {
                    List<String> record = new ArrayList<>();
                    record.add(sum.getKey());
                    for (int i = 0; i < sum.getValue().template().cellCount(); i++) {
                        record.add(sum.getValue().plain(i));
                    }
                    out.printRecord(record);
                }
            }
            Files.move(sumsWriting, parts.resolve(name + ".sums"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(writing, parts.resolve(name + ".part"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys of the sums files: a group is never empty, so the bare prefix stands for no group. */
    private static final String GROUP = "group:";
    private static final String UNGROUPED = "none";

    /**
     * A unit's line of {@code accepted-values.csv}, or null when it was not accepted. Made where
     * the unit is checked, on the worker threads, so that the single writer only copies text.
     */
    public static String line(CheckedSubmission checked) {
        if (checked.values() == null) {
            return null;
        }
        ReportValues values = checked.values();
        StringBuilder line = new StringBuilder(values.template().cellCount() * 6);
        // a code may start with "-": neutralised like every text of a CSV output
        line.append(SpreadsheetText.neutralise(checked.entry().code()));
        for (int i = 0; i < values.template().cellCount(); i++) {
            line.append(',');
            // the text of plain(i), without a String per cell: four million of them for a province
            if (values.isWhole(i)) {
                line.append(values.whole(i));
            } else {
                line.append(values.plain(i));
            }
        }
        return line.append('\n').toString();
    }

    /** The sums {@link #publish} makes on the way: all accepted units, and each group. */
    public record Sums(ReportValues all, Map<String, ReportValues> groups) {
    }

    /** Joins the parts, in the order of the status list, into {@code accepted-values.csv}, and adds up their sums. */
    public static Sums publish(Path parts, Path file, ReportTemplate template) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(parts)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(parts, "*.part")) {
                stream.forEach(part -> names.add(part.getFileName().toString().replace(".part", "")));
            }
        }
        names.sort(null);
        Map<String, ReportValues> groups = new TreeMap<>();
        ReportValues all = new ReportValues(template);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(header(template).getBytes(StandardCharsets.UTF_8));
            for (String name : names) {
                Files.copy(parts.resolve(name + ".part"), out);
                try (CSVParser sums = CSVParser.parse(parts.resolve(name + ".sums"), StandardCharsets.UTF_8,
                        CSVFormat.DEFAULT)) {
                    for (CSVRecord record : sums) {
                        ReportValues sum = new ReportValues(template);
                        for (int i = 0; i < template.cellCount(); i++) {
                            sum.set(i, new BigDecimal(record.get(i + 1)));
                        }
                        all.add(sum);
                        String key = record.get(0);
                        if (key.startsWith(GROUP)) {
                            groups.computeIfAbsent(key.substring(GROUP.length()), g -> new ReportValues(template))
                                    .add(sum);
                        }
                    }
                }
            }
        }
        return new Sums(all, groups);
    }

    private static String header(ReportTemplate template) {
        StringBuilder header = new StringBuilder("unit");
        for (Cell cell : template.cells()) {
            header.append(',').append(cell.table().code()).append(':').append(cell.row().code()).append(':')
                    .append(cell.column().code());
        }
        return header.append('\n').toString();
    }

    /** Far longer than a line of the largest template: a longer line is no line of this file. */
    private static final int LINE_LIMIT = 1 << 20;

    /**
     * Last year's accepted values by unit code, read with the template they were written in (the
     * columns name their cells, so a gov-2019 year can be read for a gov-2021 year).
     *
     * @param keep whether to keep the values, or only to make sure the whole file can be read
     * @throws PreviousYear.UnusableException when the file is not, whole, what this program writes
     */
    static Map<String, ReportValues> read(Path file, ReportTemplate template, boolean keep)
            throws IOException, PreviousYear.UnusableException {
        Map<String, ReportValues> units = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = line(in, 1);
            if (headerLine == null) {
                throw unusable("是空文件");
            }
            String[] header = headerLine.split(",", -1);
            if (!header[0].equals("unit")) {
                throw unusable("的标题行不是本程序写出的（应以 unit 开头，实为“" + abbreviate(headerLine) + "”）");
            }
            int[] cells = new int[header.length];
            BitSet given = new BitSet(template.cellCount());
            cells[0] = -1;
            for (int i = 1; i < header.length; i++) {
                String[] codes = header[i].split(":", -1);
                cells[i] = codes.length == 3 ? template.indexOf(codes[0], codes[1], codes[2]) : -1;
                if (cells[i] < 0) {
                    throw unusable("的第 " + (i + 1) + " 列“" + abbreviate(header[i]) + "”不是 " + template.id() + " 的单元格");
                }
                given.set(cells[i]);
            }
            if (given.cardinality() < template.cellCount()) {
                int missing = given.nextClearBit(0);
                Cell cell = template.cell(missing);
                throw unusable("缺少 " + (template.cellCount() - given.cardinality()) + " 列（如 " + cell.table().code()
                        + ":" + cell.row().code() + ":" + cell.column().code() + "）");
            }
            String line;
            for (int number = 2; (line = line(in, number)) != null; number++) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != header.length) {
                    throw unusable("第 " + number + " 行应有 " + header.length + " 个字段，实有 " + fields.length + " 个");
                }
                ReportValues values = new ReportValues(template);
                for (int i = 1; i < fields.length; i++) {
                    try {
                        values.set(cells[i], new BigDecimal(fields[i]));
                    } catch (NumberFormatException e) {
                        throw unusable("第 " + number + " 行第 " + (i + 1) + " 列“" + abbreviate(fields[i]) + "”不是数字");
                    }
                }
                if (keep) {
                    units.put(SpreadsheetText.restore(fields[0]), values);
                }
            }
        } catch (CharacterCodingException e) {
            throw unusable("不是 UTF-8 文本");
        }
        return units;
    }

    /** One line, read without holding more than the limit of a garbage file with no line ends. */
    private static String line(BufferedReader in, int number) throws IOException, PreviousYear.UnusableException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.length() >= LINE_LIMIT) {
                throw unusable("第 " + number + " 行超过 " + LINE_LIMIT + " 个字符，不是本程序写出的文件");
            }
            line.append((char) c);
        }
        if (c < 0 && line.isEmpty()) {
            return null;
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    private static PreviousYear.UnusableException unusable(String why) {
        return new PreviousYear.UnusableException(FILE + " " + why);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "…";
    }
}

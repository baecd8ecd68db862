package cn.zwgk.consolidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A valid submission from the bundled samples, as lines of text, with helpers to break it in one
 * precise way.
 */
public final class SampleSubmission {

    /** A complete, valid gov-2019 submission (谯城区 of the 亳州 sample). */
    public static final Path GOV_2019 = Path.of("input/bozhou-2020/submissions/qiaocheng.csv");
    /** A complete, valid gov-2021 submission. */
    public static final Path GOV_2021 = Path.of("input/sample-county-2021/submissions/chengguan.csv");

    private final List<String> lines;

    private SampleSubmission(List<String> lines) {
        this.lines = new ArrayList<>(lines);
    }

    public static SampleSubmission gov2019() {
        return of(GOV_2019);
    }

    public static SampleSubmission gov2021() {
        return of(GOV_2021);
    }

    public static SampleSubmission of(Path file) {
        try {
            return new SampleSubmission(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a cell as the file gives it. */
    public String value(String table, String row, String column) {
        return lines.get(indexOf(table, row, column)).split(",", -1)[3];
    }

    public long number(String table, String row, String column) {
        return Long.parseLong(value(table, row, column));
    }

    /** Sets the raw text of a cell's value. */
    public SampleSubmission with(String table, String row, String column, String value) {
        lines.set(indexOf(table, row, column), table + "," + row + "," + column + "," + value);
        return this;
    }

    public SampleSubmission plus(String table, String row, String column, long delta) {
        return with(table, row, column, Long.toString(number(table, row, column) + delta));
    }

    public SampleSubmission without(String table, String row, String column) {
        lines.remove(indexOf(table, row, column));
        return this;
    }

    public SampleSubmission withLine(String line) {
        lines.add(line);
        return this;
    }

    public SampleSubmission withHeader(String header) {
        lines.set(0, header);
        return this;
    }

    /** The line number (1 = header) on which a cell stands, for checking messages. */
    public int lineOf(String table, String row, String column) {
        return indexOf(table, row, column) + 1;
    }

    public int lineCount() {
        return lines.size();
    }

    public String text() {
        return String.join("\n", lines) + "\n";
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    private int indexOf(String table, String row, String column) {
        String prefix = table + "," + row + "," + column + ",";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no cell " + prefix);
    }
}

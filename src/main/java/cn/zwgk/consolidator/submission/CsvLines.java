package cn.zwgk.consolidator.submission;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits a CSV text into numbered lines of fields. Text without any quote character, which is
 * what nearly every submission is, is split directly: Commons CSV reads about 40 MB/s here, too
 * slow for a province's 80 MB on two cores. Anything quoted goes through Commons CSV.
 */
public final class CsvLines {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("line (\\d+)");

    private CsvLines() {
    }

    /** A line of the file as an editor numbers it, with its fields. */
    public record Line(long number, String[] fields) {

        public int size() {
            return fields.length;
        }

        public String get(int index) {
            return fields[index];
        }

        @Override
        public String toString() {
            return String.join(",", fields);
        }
    }

    /** The text could not be read as CSV, for example a quote that is never closed. */
    public static final class MalformedCsvException extends Exception {
        private final String line;

        MalformedCsvException(String line) {
            super("malformed CSV near line " + line);
            this.line = line;
        }

        public String line() {
            return line;
        }
    }

    /**
     * The lines that carry something, blank lines and lines of only commas left out, at most
     * {@code limit} of them: a reader that can use no more never holds a million lines in memory.
     */
    public static List<Line> split(String text, int limit) throws MalformedCsvException {
        return text.indexOf('"') < 0 ? splitPlain(text, limit) : splitQuoted(text, limit);
    }

    private static List<Line> splitPlain(String text, int limit) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        long number = 1;
        int length = text.length();
        while (start <= length && lines.size() < limit) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            int commas = 0;
            for (int i = start; i < stop; i++) {
                if (text.charAt(i) == ',') {
                    commas++;
                }
            }
            String[] fields = new String[commas + 1];
            int field = 0;
            int fieldStart = start;
            for (int i = start; i < stop; i++) {
                if (text.charAt(i) == ',') {
                    fields[field++] = text.substring(fieldStart, i);
                    fieldStart = i + 1;
                }
            }
            fields[field] = text.substring(fieldStart, stop);
            addUnlessBlank(lines, number, fields);
            number++;
            start = end + 1;
        }
        return lines;
    }

    private static List<Line> splitQuoted(String text, int limit) throws MalformedCsvException {
        int[] lineStarts = lineStarts(text);
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            for (CSVRecord record : parser) {
                if (lines.size() >= limit) {
                    break;
                }
                int found = Arrays.binarySearch(lineStarts, (int) record.getCharacterPosition());
                long number = found >= 0 ? found + 1 : -found - 1;
                addUnlessBlank(lines, number, record.values());
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            Matcher m = LINE_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
            throw new MalformedCsvException(m.find() ? m.group(1) : "?");
        }
        return lines;
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    private static void addUnlessBlank(List<Line> lines, long number, String[] fields) {
        for (String field : fields) {
            if (!ValueParser.normalise(field).isEmpty()) {
                lines.add(new Line(number, fields));
                return;
            }
        }
    }
}

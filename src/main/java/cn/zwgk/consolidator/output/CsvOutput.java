package cn.zwgk.consolidator.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import cn.zwgk.consolidator.common.SpreadsheetText;
import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;

/**
 * Writes the CSV outputs. They are UTF-8 with a BOM so that Excel and WPS on Chinese Windows open
 * them without garbling, and our own reader accepts them back as submissions.
 */
public final class CsvOutput {

    public static final List<String> SUBMISSION_HEADER = List.of("table", "row", "column", "value", "label");
    public static final List<String> STATUS_HEADER =
            List.of("code", "name", "group", "status", "errors", "warnings", "file", "sha256");
    public static final List<String> FINDINGS_HEADER =
            List.of("unit", "file", "severity", "rule", "table", "row", "column", "expected", "actual", "message",
                    "explanation");

    private CsvOutput() {
    }

    /** The tables in the submission format, so that the next level up can take them as a submission. */
    public static void writeValues(Path file, ReportValues values) throws IOException {
        try (CSVPrinter out = open(file, SUBMISSION_HEADER)) {
            for (Cell cell : values.template().cells()) {
                print(out, cell.table().code(), cell.row().code(), cell.column().code(), values.plain(cell.index()),
                        label(cell));
            }
        }
    }

    /** A form to fill in: every cell with its label and an empty value, but the values given by cell. */
    public static void writeBlank(Path file, ReportTemplate template, java.util.Map<Integer, String> given)
            throws IOException {
        try (CSVPrinter out = open(file, SUBMISSION_HEADER)) {
            for (Cell cell : template.cells()) {
                print(out, cell.table().code(), cell.row().code(), cell.column().code(),
                        given.getOrDefault(cell.index(), ""), label(cell));
            }
        }
    }

    /** The official wording of a cell, for people reading the file. */
    static String label(Cell cell) {
        StringBuilder row = new StringBuilder();
        for (String heading : new String[] {cell.row().part(), cell.row().section()}) {
            if (heading != null) {
                row.append(heading).append(' ');
            }
        }
        return cell.table().name() + " " + row + cell.row().label() + "·" + cell.column().label();
    }

    /** This year's totals beside last year's, cell by cell; cells of only one year's format stay empty. */
    public static void writeComparison(Path file, ReportValues thisYear, ReportValues lastYear) throws IOException {
        try (CSVPrinter out = open(file, List.of("table", "row", "column", "this_year", "last_year", "change", "label"))) {
            for (Cell cell : thisYear.template().cells()) {
                int last = lastYear.template().indexOf(cell.table().code(), cell.row().code(), cell.column().code());
                String lastValue = last < 0 ? "" : lastYear.plain(last);
                String change = last < 0 ? ""
                        : ReportValues.plain(thisYear.decimal(cell.index()).subtract(lastYear.decimal(last)));
                print(out, cell.table().code(), cell.row().code(), cell.column().code(), thisYear.plain(cell.index()),
                        lastValue, change, label(cell));
            }
        }
    }

    public static void writeStatus(Path file, List<StatusLine> lines) throws IOException {
        try (CSVPrinter out = open(file, STATUS_HEADER)) {
            for (StatusLine line : lines) {
                print(out, line.code(), line.name(), line.group(), line.status().code(), Long.toString(line.errors()),
                        Long.toString(line.warnings()), line.file(), line.sha256());
            }
        }
    }

    public static void writeFindings(Path file, List<FindingLine> lines) throws IOException {
        try (CSVPrinter out = open(file, FINDINGS_HEADER)) {
            for (FindingLine line : lines) {
                print(out, line.unit(), line.file(), line.severity(), line.rule(), line.table(), line.row(),
                        line.column(), line.expected(), line.actual(), line.message(),
                        line.explanation() == null ? "" : line.explanation());
            }
        }
    }

    private static CSVPrinter open(Path file, List<String> header) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        stream.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
        printer.printRecord(header);
        return printer;
    }

    private static void print(CSVPrinter out, String... fields) throws IOException {
        Object[] safe = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            safe[i] = SpreadsheetText.neutralise(fields[i]);
        }
        out.printRecord(safe);
    }

}

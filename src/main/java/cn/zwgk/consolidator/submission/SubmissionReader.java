package cn.zwgk.consolidator.submission;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.RowDef;
import cn.zwgk.consolidator.template.Severity;
import cn.zwgk.consolidator.template.TableDef;
import cn.zwgk.consolidator.validation.Finding;

/**
 * Reads a unit's submission in the format {@code table,row,column,value[,label]} into the values
 * of the template's cells. Every problem becomes a finding; nothing here throws on bad input.
 */
public final class SubmissionReader {

    public static final List<String> REQUIRED_COLUMNS = List.of("table", "row", "column", "value");
    public static final String LABEL_COLUMN = "label";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private final ReportTemplate template;
    private final boolean blankAsZero;

    public SubmissionReader(ReportTemplate template, boolean blankAsZero) {
        this.template = template;
        this.blankAsZero = blankAsZero;
    }

    /** What was read: the values are complete only when no finding is an error. */
    public record Result(ReportValues values, List<Finding> findings) {
    }

    public Result read(byte[] content) {
        List<Finding> findings = new ArrayList<>();
        ReportValues values = new ReportValues(template);
        String text = TextDecoder.decode(content);
        if (text == null) {
            findings.add(Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(),
                    "文件不是可识别的文本（支持 UTF-8、GB18030/GBK、带 BOM 的 UTF-16），请另存为 CSV 后重新报送"));
            return new Result(values, findings);
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            readRecords(parser, new LineNumbers(text), values, findings);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            findings.add(Finding.about(Severity.ERROR, FileProblem.MALFORMED_LINE.code(),
                    "文件在第 " + lineOf(e) + " 行附近无法按 CSV 格式解析（常见原因：引号未成对），请检查该行"));
        }
        return new Result(values, findings);
    }

    private static String lineOf(Exception e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) : "?";
    }

    private void readRecords(CSVParser parser, LineNumbers lines, ReportValues values, List<Finding> findings) {
        Iterator<CSVRecord> records = parser.iterator();
        CSVRecord headerRecord = nextNonBlank(records);
        if (headerRecord == null) {
            findings.add(Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(),
                    "文件为空：应有标题行 table,row,column,value 和每个单元格一行数据"));
            return;
        }
        Header header = header(headerRecord, lines.of(headerRecord), findings);
        if (header == null) {
            return;
        }
        BitSet seen = new BitSet(template.cellCount());
        Map<Integer, Long> firstLine = new HashMap<>();
        CSVRecord record;
        while ((record = nextNonBlank(records)) != null) {
            readLine(record, lines.of(record), header, values, seen, firstLine, findings);
        }
        for (Cell cell : template.cells()) {
            if (!seen.get(cell.index())) {
                findings.add(Finding.atCell(Severity.ERROR, FileProblem.MISSING_CELL.code(), cell, null, null,
                        cell.describe() + "：缺少这一项，请补一行 " + cell.table().code() + "," + cell.row().code()
                                + "," + cell.column().code() + ",数值（没有发生的填 0）"));
            }
        }
    }

    private static CSVRecord nextNonBlank(Iterator<CSVRecord> records) {
        while (records.hasNext()) {
            CSVRecord record = records.next();
            if (!isBlank(record)) {
                return record;
            }
        }
        return null;
    }

    /** Blank lines and lines of only commas, as spreadsheets leave them, carry nothing. */
    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!ValueParser.normalise(value).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private record Header(int table, int row, int column, int value, int width) {
    }

    private Header header(CSVRecord record, long line, List<Finding> findings) {
        Map<String, Integer> positions = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int width = record.size();
        while (width > 1 && ValueParser.normalise(record.get(width - 1)).isEmpty()) {
            width--; // spreadsheets add empty columns after the last named one
        }
        for (int i = 0; i < width; i++) {
            String name = ValueParser.normalise(record.get(i)).toLowerCase(Locale.ROOT);
            if (!REQUIRED_COLUMNS.contains(name) && !name.equals(LABEL_COLUMN)) {
                problems.add("未知的列“" + name + "”");
            } else if (positions.put(name, i) != null) {
                problems.add("列“" + name + "”出现了两次");
            }
        }
        for (String required : REQUIRED_COLUMNS) {
            if (!positions.containsKey(required)) {
                problems.add("缺少列“" + required + "”");
            }
        }
        if (!problems.isEmpty()) {
            findings.add(new Finding(Severity.ERROR, FileProblem.HEADER.code(), null, null, null,
                    "table,row,column,value[,label]", String.join(",", record.toList()),
                    "第 " + line + " 行（标题行）：" + String.join("；", problems)
                            + "。标题行应为 table,row,column,value，可另加 label 列"));
            return null;
        }
        return new Header(positions.get("table"), positions.get("row"), positions.get("column"),
                positions.get("value"), width);
    }

    private void readLine(CSVRecord record, long line, Header header, ReportValues values, BitSet seen,
            Map<Integer, Long> firstLine, List<Finding> findings) {
        if (record.size() < header.width() || !onlyBlankBeyond(record, header.width())) {
            findings.add(new Finding(Severity.ERROR, FileProblem.MALFORMED_LINE.code(), null, null, null,
                    header.width() + " 个字段", record.size() + " 个字段",
                    "第 " + line + " 行：应有 " + header.width() + " 个用逗号分隔的字段，实有 " + record.size()
                            + " 个（" + abbreviate(String.join(",", record.toList())) + "）；"
                            + "数据之后不应有其他文字"));
            return;
        }
        String tableCode = ValueParser.normalise(field(record, header.table()));
        String rowCode = ValueParser.normalise(field(record, header.row()));
        String columnCode = ValueParser.normalise(field(record, header.column()));
        int index = template.indexOf(tableCode, rowCode, columnCode);
        if (index < 0) {
            findings.add(new Finding(Severity.ERROR, FileProblem.UNKNOWN_CELL.code(), tableCode, rowCode, columnCode,
                    null, tableCode + "," + rowCode + "," + columnCode,
                    "第 " + line + " 行：" + unknownCell(tableCode, rowCode, columnCode)));
            return;
        }
        Cell cell = template.cell(index);
        if (seen.get(index)) {
            findings.add(Finding.atCell(Severity.ERROR, FileProblem.DUPLICATE_CELL.code(), cell, null,
                    field(record, header.value()), "第 " + line + " 行：" + cell.describe() + " 已在第 "
                            + firstLine.get(index) + " 行填报过，同一项只能填报一次"));
            return;
        }
        seen.set(index);
        firstLine.put(index, line);
        String raw = field(record, header.value());
        long fast = cell.type().isWhole() ? plainDigits(raw) : -1;
        if (fast >= 0) {
            values.setWhole(index, fast);
            return;
        }
        ValueParser.Result parsed = ValueParser.parse(raw, cell.type());
        if (parsed.isOk()) {
            values.set(index, parsed.value());
        } else if (parsed.blank() && blankAsZero) {
            findings.add(Finding.atCell(Severity.WARNING, FileProblem.EMPTY_VALUE.code(), cell, "0", "",
                    "第 " + line + " 行：" + cell.describe() + " 未填写，已按 0 计入（本任务设置了 blank-as-zero）"));
        } else {
            findings.add(Finding.atCell(Severity.ERROR, parsed.problem().code(), cell, parsed.expected(), raw,
                    "第 " + line + " 行：" + cell.describe() + "：应为" + parsed.expected() + "，填报为"
                            + (parsed.blank() ? "空白" : "“" + abbreviate(raw) + "”")));
        }
    }

    /** Up to 12 ASCII digits, the common case, without regular expressions or BigDecimal; else -1. */
    private static long plainDigits(String raw) {
        int length = raw.length();
        if (length == 0 || length > 12) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private String unknownCell(String tableCode, String rowCode, String columnCode) {
        TableDef table = template.table(tableCode);
        if (table == null) {
            return "没有表“" + tableCode + "”，" + template.title() + " 的表为 "
                    + String.join("、", template.tables().stream().map(TableDef::code).toList());
        }
        RowDef row = table.row(rowCode);
        if (row == null) {
            return table.name() + " 没有行代码“" + rowCode + "”";
        }
        return table.name() + " " + row.ref() + " 没有列代码“" + columnCode + "”，应为 "
                + String.join("、", row.columns().stream().map(c -> c.code() + "（" + c.label() + "）").toList());
    }

    private static boolean onlyBlankBeyond(CSVRecord record, int width) {
        for (int i = width; i < record.size(); i++) {
            if (!ValueParser.normalise(record.get(i)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static String field(CSVRecord record, int position) {
        return record.get(position);
    }

    /** The line a record starts on, as an editor numbers it, for messages that send people to it. */
    private static final class LineNumbers {
        private final int[] lineStarts;

        LineNumbers(String text) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            lineStarts = new int[count];
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    lineStarts[line++] = i + 1;
                }
            }
        }

        long of(CSVRecord record) {
            int found = java.util.Arrays.binarySearch(lineStarts, (int) record.getCharacterPosition());
            return found >= 0 ? found + 1 : -found - 1;
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "…";
    }
}

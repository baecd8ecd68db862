package cn.zwgk.consolidator.submission;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.common.Severity;
import cn.zwgk.consolidator.common.TextDecoder;
import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.RowDef;
import cn.zwgk.consolidator.template.TableDef;

/**
 * Reads a unit's submission in the format {@code table,row,column,value[,label]} into the values
 * of the template's cells. Every problem becomes a finding; nothing here throws on bad input.
 */
public final class SubmissionReader {

    public static final List<String> REQUIRED_COLUMNS = List.of("table", "row", "column", "value");
    public static final String LABEL_COLUMN = "label";
    /** More than this many errors in one file means the wrong file, not a hundred typos. */
    static final int MAX_FINDINGS = 100;

    private final ReportTemplate template;
    private final boolean blankAsZero;
    private final CanonicalFile canonical;

    public SubmissionReader(ReportTemplate template, boolean blankAsZero) {
        this.template = template;
        this.blankAsZero = blankAsZero;
        this.canonical = new CanonicalFile(template);
    }

    /** What was read: the values are complete only when no finding is an error. */
    public record Result(ReportValues values, List<Finding> findings) {
    }

    public Result read(byte[] content) {
        ReportValues fast = canonical.read(content);
        if (fast != null) {
            return new Result(fast, List.of());
        }
        return readGeneral(content);
    }

    /** Any file, however it is written: values where they can be read, findings for the rest. */
    Result readGeneral(byte[] content) {
        List<Finding> findings = new ArrayList<>();
        ReportValues values = new ReportValues(template);
        String text = TextDecoder.decode(content);
        if (text == null) {
            findings.add(Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(),
                    "文件不是可识别的文本（支持 UTF-8、GB18030/GBK、带 BOM 的 UTF-16），请另存为 CSV 后重新报送"));
            return new Result(values, findings);
        }
        List<CsvLines.Line> lines;
        try {
            // a line is a cell, or a finding: past that many the reader stops anyway
            lines = CsvLines.split(text, 1 + template.cellCount() + MAX_FINDINGS + 1);
        } catch (CsvLines.MalformedCsvException e) {
            findings.add(Finding.about(Severity.ERROR, FileProblem.MALFORMED_LINE.code(),
                    "文件在第 " + e.line() + " 行附近无法按 CSV 格式解析（常见原因：引号未成对），请检查该行"));
            return new Result(values, findings);
        }
        if (lines.isEmpty()) {
            findings.add(Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(),
                    "文件为空：应有标题行 table,row,column,value 和每个单元格一行数据"));
            return new Result(values, findings);
        }
        Header header = header(lines.get(0), findings);
        if (header != null) {
            new FileState(values, findings).readLines(lines.subList(1, lines.size()), header);
        }
        return new Result(values, findings);
    }

    private record Header(int table, int row, int column, int value, int width) {
    }

    private Header header(CsvLines.Line line, List<Finding> findings) {
        Map<String, Integer> positions = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int width = line.size();
        while (width > 1 && ValueParser.normalise(line.get(width - 1)).isEmpty()) {
            width--; // spreadsheets add empty columns after the last named one
        }
        for (int i = 0; i < width; i++) {
            String name = ValueParser.normalise(line.get(i)).toLowerCase(Locale.ROOT);
            if (!REQUIRED_COLUMNS.contains(name) && !name.equals(LABEL_COLUMN)) {
                problems.add("未知的列“" + abbreviate(name) + "”");
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
                    "table,row,column,value[,label]", abbreviate(line.toString()),
                    "第 " + line.number() + " 行（标题行）：" + String.join("；", problems)
                            + "。标题行应为 table,row,column,value，可另加 label 列"));
            return null;
        }
        return new Header(positions.get("table"), positions.get("row"), positions.get("column"),
                positions.get("value"), width);
    }

    /** What one reading of one file keeps track of. */
    private final class FileState {
        private final ReportValues values;
        private final List<Finding> findings;
        private final BitSet seen = new BitSet(template.cellCount());
        private final long[] firstLine = new long[template.cellCount()];
        private int expectedNext;

        FileState(ReportValues values, List<Finding> findings) {
            this.values = values;
            this.findings = findings;
        }

        void readLines(List<CsvLines.Line> lines, Header header) {
            for (int i = 0; i < lines.size(); i++) {
                if (findings.stream().filter(Finding::isError).count() >= MAX_FINDINGS) {
                    findings.add(Finding.about(Severity.ERROR, FileProblem.MALFORMED_LINE.code(),
                            "问题过多，只列出前 " + MAX_FINDINGS + " 处；自第 " + lines.get(i).number()
                                    + " 行起的其余各行未检查。请确认报送的是本单位的年报统计表"));
                    return;
                }
                readLine(lines.get(i), header);
            }
            int missing = 0;
            for (Cell cell : template.cells()) {
                if (!seen.get(cell.index()) && ++missing <= MAX_FINDINGS) {
                    findings.add(cell.finding(Severity.ERROR, FileProblem.MISSING_CELL.code(), null, null,
                            cell.describe() + "：缺少这一项，请补一行 " + cell.table().code() + "," + cell.row().code()
                                    + "," + cell.column().code() + ",数值（没有发生的填 0）"));
                }
            }
            if (missing > MAX_FINDINGS) {
                findings.add(Finding.about(Severity.ERROR, FileProblem.MISSING_CELL.code(), "另有 "
                        + (missing - MAX_FINDINGS) + " 项缺少，未逐一列出"));
            }
        }

        private void readLine(CsvLines.Line line, Header header) {
            long number = line.number();
            if (line.size() < header.width() || !onlyBlankBeyond(line, header.width())) {
                findings.add(new Finding(Severity.ERROR, FileProblem.MALFORMED_LINE.code(), null, null, null,
                        header.width() + " 个字段", line.size() + " 个字段",
                        "第 " + number + " 行：应有 " + header.width() + " 个用逗号分隔的字段，实有 " + line.size()
                                + " 个（" + abbreviate(line.toString()) + "）；数据之后不应有其他文字"));
                return;
            }
            String tableCode = ValueParser.normalise(line.get(header.table()));
            String rowCode = ValueParser.normalise(line.get(header.row()));
            String columnCode = ValueParser.normalise(line.get(header.column()));
            int index = indexOf(tableCode, rowCode, columnCode);
            if (index < 0) {
                findings.add(new Finding(Severity.ERROR, FileProblem.UNKNOWN_CELL.code(), clip(tableCode, 20),
                        clip(rowCode, 200), clip(columnCode, 200), null,
                        abbreviate(tableCode + "," + rowCode + "," + columnCode),
                        "第 " + number + " 行：" + unknownCell(tableCode, rowCode, columnCode)));
                return;
            }
            Cell cell = template.cell(index);
            String raw = line.get(header.value());
            if (seen.get(index)) {
                findings.add(cell.finding(Severity.ERROR, FileProblem.DUPLICATE_CELL.code(), null,
                        abbreviate(raw), "第 " + number + " 行：" + cell.describe() + " 已在第 "
                                + firstLine[index] + " 行填报过，同一项只能填报一次"));
                return;
            }
            seen.set(index);
            firstLine[index] = number;
            long plain = cell.type().isWhole() ? plainDigits(raw) : -1;
            if (plain >= 0) {
                values.setWhole(index, plain);
                return;
            }
            ValueParser.Result parsed = ValueParser.parse(raw, cell.type());
            if (parsed.isOk()) {
                values.set(index, parsed.value());
            } else if (parsed.blank() && blankAsZero) {
                findings.add(cell.finding(Severity.WARNING, FileProblem.EMPTY_VALUE.code(), "0", "",
                        "第 " + number + " 行：" + cell.describe() + " 未填写，已按 0 计入（本任务设置了 blank-as-zero）"));
            } else {
                findings.add(cell.finding(Severity.ERROR, parsed.problem().code(), parsed.expected(),
                        abbreviate(raw), "第 " + number + " 行：" + cell.describe() + "：应为" + parsed.expected()
                                + "，填报为" + (parsed.blank() ? "空白" : "“" + abbreviate(raw) + "”")));
            }
        }

        /** Files usually list the cells in the template's order: try the next cell before hashing. */
        private int indexOf(String table, String row, String column) {
            if (expectedNext < template.cellCount()) {
                Cell next = template.cell(expectedNext);
                if (next.column().code().equals(column) && next.row().code().equals(row)
                        && next.table().code().equals(table)) {
                    return expectedNext++;
                }
            }
            int index = template.indexOf(table, row, column);
            if (index >= 0) {
                expectedNext = index + 1;
            }
            return index;
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
            return "没有表“" + abbreviate(tableCode) + "”，" + template.title() + " 的表代码为 "
                    + String.join("、", template.tables().stream().map(TableDef::code).toList());
        }
        RowDef row = table.row(rowCode);
        if (row == null) {
            return table.name() + " 没有行代码“" + abbreviate(rowCode) + "”";
        }
        return table.name() + " " + row.ref() + " 没有列代码“" + abbreviate(columnCode) + "”，应为 "
                + String.join("、", row.columns().stream().map(c -> c.code() + "（" + c.label() + "）").toList());
    }

    private static boolean onlyBlankBeyond(CsvLines.Line line, int width) {
        for (int i = width; i < line.size(); i++) {
            if (!ValueParser.normalise(line.get(i)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "…";
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

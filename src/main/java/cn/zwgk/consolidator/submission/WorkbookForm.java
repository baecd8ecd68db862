package cn.zwgk.consolidator.submission;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.common.Severity;
import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ColumnDef;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.RowDef;
import cn.zwgk.consolidator.template.TableDef;

/**
 * The Excel form of a submission: one sheet per official table (表二, 表三, 表四), a row per
 * template row with its label in column A and its cells to the right, under a header row of
 * column labels. {@code blank} writes it; the run reads it back with the same checks as a CSV
 * file, naming cells as 表三!D7.
 */
public final class WorkbookForm {

    static final String UNREADABLE = "无法作为 Excel 工作簿（.xlsx）读取，请用 Excel 或 WPS 另存为 .xlsx 或 CSV 后重新报送";

    private final ReportTemplate template;
    private final Position[] positions;

    /** Where a template cell stands in the workbook (rows and columns from 0). */
    public record Position(String sheet, int row, int column) {

        String reference() {
            return sheet + "!" + new CellReference(row, column).formatAsString(false);
        }
    }

    public WorkbookForm(ReportTemplate template) {
        this.template = template;
        this.positions = new Position[template.cellCount()];
        for (TableDef table : template.tables()) {
            int row = 1;
            List<ColumnDef> header = null;
            for (RowDef rowDef : table.rows()) {
                if (!rowDef.columns().equals(header)) {
                    header = rowDef.columns();
                    row++; // a header row of column labels
                }
                for (int c = 0; c < rowDef.columns().size(); c++) {
                    int index = template.indexOf(table.code(), rowDef.code(), rowDef.columns().get(c).code());
                    positions[index] = new Position(table.name(), row, c + 1);
                }
                row++;
            }
        }
    }

    public Position position(int cell) {
        return positions[cell];
    }

    /** Writes the form, empty but for the given values by cell index. */
    public void write(Path file, Map<Integer, String> given) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            CellStyle heading = workbook.createCellStyle();
            heading.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            heading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            heading.setWrapText(true);
            for (TableDef table : template.tables()) {
                Sheet sheet = workbook.createSheet(table.name());
                sheet.createRow(0).createCell(0).setCellValue(table.name() + " " + table.title()
                        + "（请只在数字格中填写，没有发生的填 0）");
                sheet.setColumnWidth(0, 50 * 256);
                List<ColumnDef> header = null;
                int row = 1;
                for (RowDef rowDef : table.rows()) {
                    if (!rowDef.columns().equals(header)) {
                        header = rowDef.columns();
                        Row labels = sheet.createRow(row++);
                        labels.createCell(0).setCellValue(rowDef.section() == null ? "" : rowDef.section());
                        labels.getCell(0).setCellStyle(heading);
                        for (int c = 0; c < header.size(); c++) {
                            labels.createCell(c + 1).setCellValue(header.get(c).label());
                            labels.getCell(c + 1).setCellStyle(heading);
                            sheet.setColumnWidth(c + 1, 14 * 256);
                        }
                    }
                    Row line = sheet.createRow(row++);
                    line.createCell(0).setCellValue(label(rowDef));
                    for (int c = 0; c < rowDef.columns().size(); c++) {
                        int index = template.indexOf(table.code(), rowDef.code(), rowDef.columns().get(c).code());
                        String value = given.get(index);
                        if (value != null) {
                            line.createCell(c + 1).setCellValue(new BigDecimal(value).doubleValue());
                        }
                    }
                }
            }
            workbook.write(out);
        }
    }

    private static String label(RowDef row) {
        StringBuilder label = new StringBuilder();
        for (String heading : new String[] {row.part(), row.section()}) {
            if (heading != null) {
                label.append(heading).append(' ');
            }
        }
        return label.append(row.label()).toString();
    }

    /**
     * Reads a filled-in form. Formulas are calculated; one that cannot be is refused with a
     * finding, never taken at the value the spreadsheet last showed. A workbook is measured first,
     * streaming, and loaded only when it is no larger than the form can be.
     */
    public SubmissionReader.Result read(byte[] content, boolean blankAsZero) {
        List<Finding> findings = new ArrayList<>();
        ReportValues values = new ReportValues(template);
        String tooMuch = WorkbookMeasure.tooMuch(content);
        if (tooMuch != null) {
            findings.add(Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(), tooMuch));
            return new SubmissionReader.Result(values, findings);
        }
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
            DataFormatter formatter = new DataFormatter();
            for (TableDef table : template.tables()) {
                if (workbook.getSheet(table.name()) == null) {
                    findings.add(Finding.about(Severity.ERROR, FileProblem.MISSING_CELL.code(),
                            "缺少工作表“" + table.name() + "”（" + table.title() + "）；请用 blank 命令生成的表格填写"));
                }
            }
            for (Cell cell : template.cells()) {
                Position at = positions[cell.index()];
                Sheet sheet = workbook.getSheet(at.sheet());
                if (sheet == null) {
                    continue;
                }
                Row row = sheet.getRow(at.row());
                org.apache.poi.ss.usermodel.Cell source = row == null ? null : row.getCell(at.column());
                String raw;
                try {
                    raw = text(source, evaluator, formatter);
                } catch (RuntimeException e) {
                    findings.add(cell.finding(Severity.ERROR, FileProblem.NOT_A_NUMBER.code(),
                            ValueParser.expectation(cell.type()), source.getCellFormula(), at.reference() + "："
                                    + cell.describe() + "：公式“" + source.getCellFormula()
                                    + "”无法计算，请填写数字而不是公式"));
                    continue;
                }
                ValueParser.Result parsed = ValueParser.parse(raw, cell.type());
                if (parsed.isOk()) {
                    values.set(cell.index(), parsed.value());
                } else if (parsed.blank() && blankAsZero) {
                    findings.add(cell.finding(Severity.WARNING, FileProblem.EMPTY_VALUE.code(), "0", "",
                            at.reference() + "：" + cell.describe() + " 未填写，已按 0 计入（本任务设置了 blank-as-zero）"));
                } else {
                    findings.add(cell.finding(Severity.ERROR, parsed.problem().code(), parsed.expected(),
                            SubmissionReader.abbreviate(raw), at.reference() + "：" + cell.describe() + "：应为"
                                    + parsed.expected() + "，填报为" + (parsed.blank() ? "空白"
                                            : "“" + SubmissionReader.abbreviate(raw) + "”")));
                }
            }
        } catch (IOException | RuntimeException e) {
            findings.add(Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(), UNREADABLE));
        }
        return new SubmissionReader.Result(values, findings);
    }

    /** A cell as the text a person sees in it; a formula's freshly calculated result. */
    private static String text(org.apache.poi.ss.usermodel.Cell cell, FormulaEvaluator evaluator,
            DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getCellType()) {
            case NUMERIC -> ValueParserNumbers.plain(cell.getNumericCellValue());
            case STRING -> cell.getStringCellValue();
            case BLANK -> "";
            case FORMULA -> {
                CellValue value = evaluator.evaluate(cell);
                yield switch (value.getCellType()) {
                    case NUMERIC -> ValueParserNumbers.plain(value.getNumberValue());
                    case STRING -> value.getStringValue();
                    case BLANK -> "";
                    default -> throw new IllegalStateException("formula gives " + value.getCellType());
                };
            }
            default -> formatter.formatCellValue(cell);
        };
    }

    /** Spreadsheets store numbers in binary; the shortest decimal that reads back the same is what was typed. */
    private static final class ValueParserNumbers {

        static String plain(double number) {
            return ReportValues.plain(BigDecimal.valueOf(number));
        }
    }
}

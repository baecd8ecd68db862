package cn.zwgk.consolidator.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.validation.Finding;

/** Units fill in Excel: the blank form, read back with the checks of a CSV file. */
class WorkbookFormTest {

    private static final ReportTemplate GOV_2019 = TemplateCatalog.load("gov-2019");

    @TempDir
    Path dir;

    /** The blank form, filled in cell by cell with the sample's values, as a unit would type them. */
    private byte[] filledIn(SampleSubmission sample, java.util.function.BiConsumer<XSSFWorkbook, WorkbookForm> change)
            throws IOException {
        Path blank = dir.resolve("blank.xlsx");
        WorkbookForm form = new WorkbookForm(GOV_2019);
        form.write(blank, Map.of());
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(blank))) {
            for (Cell cell : GOV_2019.cells()) {
                WorkbookForm.Position at = form.position(cell.index());
                Row row = workbook.getSheet(at.sheet()).getRow(at.row());
                row.createCell(at.column()).setCellValue(Double.parseDouble(
                        sample.value(cell.table().code(), cell.row().code(), cell.column().code())));
            }
            change.accept(workbook, form);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static ReportValues csvValues() {
        return new SubmissionReader(GOV_2019, false).read(SampleSubmission.gov2019().bytes()).values();
    }

    @Test
    void aFilledInFormReadsAsTheSameValuesAsTheCsvFile() throws IOException {
        byte[] workbook = filledIn(SampleSubmission.gov2019(), (w, f) -> { });

        SubmissionReader.Result read = new WorkbookForm(GOV_2019).read(workbook, false);

        assertThat(read.findings()).isEmpty();
        assertThat(read.values().sameValues(csvValues())).isTrue();
    }

    @Test
    void theBlankFormHasASheetPerTableWithTheOfficialLabels() throws IOException {
        Path blank = dir.resolve("blank.xlsx");
        new WorkbookForm(GOV_2019).write(blank, Map.of());

        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(blank))) {
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2)))
                    .containsExactly("表二", "表三", "表四");
            Sheet table3 = workbook.getSheet("表三");
            assertThat(table3.getRow(1).getCell(1).getStringCellValue()).isEqualTo("自然人");
            assertThat(table3.getRow(2).getCell(0).getStringCellValue()).isEqualTo("一、本年新收政府信息公开申请数量");
        }
    }

    @Test
    void formulasAreCalculatedNotTakenAtTheirCachedValue() throws IOException {
        byte[] workbook = filledIn(SampleSubmission.gov2019(), (w, form) -> {
            // 表三 row 1 total as the sum of its six applicant columns, with no cached result
            WorkbookForm.Position total = form.position(GOV_2019.indexOf("3", "1", "total"));
            WorkbookForm.Position natural = form.position(GOV_2019.indexOf("3", "1", "natural"));
            WorkbookForm.Position other = form.position(GOV_2019.indexOf("3", "1", "other"));
            String range = new org.apache.poi.ss.util.CellReference(natural.row(), natural.column()).formatAsString(false)
                    + ":" + new org.apache.poi.ss.util.CellReference(other.row(), other.column()).formatAsString(false);
            w.getSheet("表三").getRow(total.row()).getCell(total.column()).setCellFormula("SUM(" + range + ")");
        });

        SubmissionReader.Result read = new WorkbookForm(GOV_2019).read(workbook, false);

        assertThat(read.findings()).isEmpty();
        assertThat(read.values().sameValues(csvValues())).isTrue();
    }

    @Test
    void aFormulaThatCannotBeCalculatedIsRefusedWithAFinding() throws IOException {
        byte[] workbook = filledIn(SampleSubmission.gov2019(), (w, form) -> {
            WorkbookForm.Position at = form.position(GOV_2019.indexOf("4", "review", "upheld"));
            w.getSheet("表四").getRow(at.row()).getCell(at.column()).setCellFormula("[1]Sheet1!A1");
        });

        List<Finding> findings = new WorkbookForm(GOV_2019).read(workbook, false).findings();

        assertThat(findings).extracting(Finding::rule, Finding::table, Finding::row, Finding::column)
                .containsExactly(tuple("not-a-number", "4", "review", "upheld"));
        assertThat(findings.get(0).message()).startsWith("表四!").contains("无法计算");
    }

    @Test
    void textInANumberCellIsNamedBySheetAndCell() throws IOException {
        byte[] workbook = filledIn(SampleSubmission.gov2019(), (w, form) -> {
            WorkbookForm.Position at = form.position(GOV_2019.indexOf("3", "1", "natural"));
            w.getSheet("表三").getRow(at.row()).getCell(at.column()).setCellValue("二十");
        });

        List<Finding> findings = new WorkbookForm(GOV_2019).read(workbook, false).findings();

        assertThat(findings).extracting(Finding::rule).containsExactly("not-a-number");
        assertThat(findings.get(0).message()).isEqualTo("表三!B3：表三 第一项（本年新收）·自然人：应为不小于 0 的整数，填报为“二十”");
    }

    @Test
    void aWorkbookThatIsNoWorkbookIsUnreadable() {
        assertThat(new WorkbookForm(GOV_2019).read("table,row,column,value\n".getBytes(), false).findings())
                .extracting(Finding::rule).containsExactly("unreadable");
    }
}

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
import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

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

    /** The filled-in form with something added, as bytes. */
    private byte[] filledIn(java.util.function.Consumer<XSSFWorkbook> change) throws IOException {
        return filledIn(SampleSubmission.gov2019(), (workbook, form) -> change.accept(workbook));
    }

    private static String onlyUnreadable(byte[] workbook) {
        List<Finding> findings = new WorkbookForm(GOV_2019).read(workbook, false).findings();
        assertThat(findings).extracting(Finding::rule).containsExactly("unreadable");
        return findings.get(0).message();
    }

    @Test
    void aSheetWithMoreRowsThanTheFormCanHaveIsRefusedNamingIt() throws IOException {
        byte[] workbook = filledIn(w -> {
            Sheet sheet = w.getSheet("表三");
            for (int r = 100; r < 100 + WorkbookMeasure.ROW_LIMIT; r++) {
                sheet.createRow(r).createCell(0).setCellValue(r);
            }
        });

        assertThat(onlyUnreadable(workbook)).contains("工作表“表三”").contains("超过 " + WorkbookMeasure.ROW_LIMIT + " 行");
    }

    @Test
    void aWorkbookWithMoreCellsThanTheFormCanHaveIsRefused() throws IOException {
        byte[] workbook = filledIn(w -> {
            Sheet sheet = w.createSheet("附表");
            for (int r = 0; r < 500; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < 50; c++) {
                    row.createCell(c).setCellValue(c);
                }
            }
        });

        assertThat(onlyUnreadable(workbook)).contains("超过 " + WorkbookMeasure.CELL_LIMIT + " 个单元格");
    }

    @Test
    void aWorkbookWithAHugeTableOfTextsIsRefused() throws IOException {
        byte[] workbook = filledIn(w -> {
            for (int i = 0; i <= WorkbookMeasure.TEXT_LIMIT; i++) {
                w.getSharedStringSource().addSharedStringItem(new org.apache.poi.xssf.usermodel.XSSFRichTextString("文字" + i));
            }
        });

        assertThat(onlyUnreadable(workbook)).contains("超过 " + WorkbookMeasure.TEXT_LIMIT + " 段文字");
    }

    @Test
    void aWorkbookThatUnpacksToFarMoreThanItsSizeIsRefused() throws IOException {
        byte[] form = filledIn(w -> { });
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(form));
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bomb)) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                in.transferTo(out);
            }
            out.putNextEntry(new java.util.zip.ZipEntry("xl/media/image1.png"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i <= WorkbookMeasure.UNPACKED_LIMIT >> 20; i++) {
                out.write(zeros);
            }
        }
        assertThat(bomb.size()).isLessThan(1 << 20);

        assertThat(onlyUnreadable(bomb.toByteArray())).contains("解压后超过");
    }

    @Test
    void aWorkbookCutShortIsUnreadableNotStreamedEntryByEntry() throws IOException {
        byte[] form = filledIn(w -> { });

        // every entry whole, the central directory gone: POI would stream the entries, unmeasured
        int directory = 0;
        while (!(form[directory] == 'P' && form[directory + 1] == 'K' && form[directory + 2] == 1
                && form[directory + 3] == 2)) {
            directory++;
        }

        assertThat(onlyUnreadable(java.util.Arrays.copyOf(form, directory))).contains("无法作为 Excel 工作簿");
    }
}

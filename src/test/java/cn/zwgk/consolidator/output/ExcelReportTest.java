package cn.zwgk.consolidator.output;

import static cn.zwgk.consolidator.output.OfficeParts.bytes;
import static cn.zwgk.consolidator.output.OfficeParts.parts;
import static cn.zwgk.consolidator.output.OfficeParts.randomTotals;
import static cn.zwgk.consolidator.output.OfficeParts.withoutTime;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

/** report.xlsx as ExcelReport writes it is, part by part, what POI's streaming workbook wrote. */
class ExcelReportTest {

    @TempDir
    Path folder;

    /** Texts a registry may hold: XML's specials, line breaks, control characters, edge spaces, non-BMP. */
    private static final String[] TRICKY = {"普通单位", "A&B <局> \"办\"", " 前后空格 ", "换行\n回车\r制表\t", "控制\u0001\u001f字符",
        "不换行\u00a0空格", "𠀀扩展B区", "\ufffe\uffff", "", "'单引号'", "=1+2"};

    @ParameterizedTest(name = "{0}, {1} units, seed {2}")
    @CsvSource({"gov-2019, 0, 1", "gov-2019, 25, 2", "gov-2021, 25, 3", "gov-2019, 300, 4"})
    void everyPartIsWhatPoiWrote(String templateId, int units, long seed) throws IOException {
        System.out.println("seed " + seed);
        ReportTemplate template = TemplateCatalog.load(templateId);
        HtmlReport.Run run = run(units, new Random(seed));
        ReportValues totals = randomTotals(template, new Random(seed));

        Map<String, String> ours = parts(folder, bytes(out -> ExcelReport.write(out, totals, run)));
        Map<String, String> poi = parts(folder, bytes(out -> PoiExcelReport.write(out, totals, run)));

        assertThat(ours.keySet()).containsExactlyElementsOf(poi.keySet());
        for (String part : poi.keySet()) {
            assertThat(withoutTime(ours.get(part))).as(part).isEqualTo(withoutTime(poi.get(part)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gov-2019", "gov-2021"})
    void poiReadsBackEveryNumberAndEveryLine(String templateId) throws IOException {
        ReportTemplate template = TemplateCatalog.load(templateId);
        HtmlReport.Run run = run(40, new Random(5));
        ReportValues totals = randomTotals(template, new Random(5));

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                bytes(out -> ExcelReport.write(out, totals, run))))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(template.tables().size() + 1);
            Sheet status = workbook.getSheet("报送情况");
            DataFormatter text = new DataFormatter();
            for (int i = 0; i < run.status().size(); i++) {
                StatusLine line = run.status().get(i);
                Row row = status.getRow(i + 1);
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo(asStored(line.code()));
                assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(line.errors());
                assertThat(text.formatCellValue(row.getCell(6))).isEqualTo(line.file() == null ? "" : asStored(line.file()));
            }
            List<BigDecimal> numbers = new ArrayList<>();
            for (int s = 0; s < template.tables().size(); s++) {
                for (Row row : workbook.getSheetAt(s)) {
                    row.forEach(cell -> {
                        if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                            numbers.add(BigDecimal.valueOf(cell.getNumericCellValue()));
                        }
                    });
                }
            }
            List<BigDecimal> expected = new ArrayList<>();
            for (int i = 0; i < template.cellCount(); i++) {
                expected.add(BigDecimal.valueOf(totals.decimal(i).doubleValue()));
            }
            assertThat(numbers).usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** A workbook cannot hold control characters: they were, and are, stored as "?". */
    private static String asStored(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]", "?");
    }

    private static HtmlReport.Run run(int units, Random random) {
        List<StatusLine> status = new ArrayList<>();
        SubmissionStatus[] kinds = SubmissionStatus.values();
        for (int u = 0; u < units; u++) {
            status.add(new StatusLine(pick(random) + u, pick(random), random.nextInt(5) == 0 ? null : pick(random),
                    kinds[random.nextInt(kinds.length)], random.nextInt(4), random.nextInt(3),
                    random.nextInt(4) == 0 ? null : pick(random) + ".csv", "0".repeat(64)));
        }
        return new HtmlReport.Run("测试", 2020, status, List.of());
    }

    private static String pick(Random random) {
        return TRICKY[random.nextInt(TRICKY.length)];
    }
}

package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** report.html and report.xlsx of the bundled jobs: each job runs once, each test checks one thing. */
class ReportTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Bozhou2020 {

        private Path dir;
        private int exitStatus;
        private String html;
        private List<Map<String, String>> consolidated;
        private Workbook workbook;

        @BeforeAll
        void runTheJob(@TempDir Path tempDir) throws IOException {
            dir = tempDir.resolve("out");
            exitStatus = new JobRunner().run("--job=jobs/bozhou-2020.yml", "--output=" + dir).exitStatus();
            html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
            consolidated = JobRunner.readCsv(dir.resolve("consolidated.csv"));
            try (InputStream in = Files.newInputStream(dir.resolve("report.xlsx"))) {
                workbook = new XSSFWorkbook(in);
            }
        }

        @AfterAll
        void closeTheWorkbook() throws IOException {
            workbook.close();
        }

        @Test
        void theJobCompletes() {
            assertThat(exitStatus).isZero();
        }

        /** The numbers of the seed report's 依申请公开情况 paragraph. */
        @Test
        void theReportOpensWithTheSeedsParagraph() {
            assertThat(html).contains("共收到政府信息公开申请276件，其中予以公开114件，部分公开32件，不予公开19件，无法提供87件，"
                    + "不予处理4件，其他处理20件；结转下年度继续办理2件。因政府信息公开工作被申请行政复议23起，其中结果维持10起，"
                    + "结果纠正2起，其他结果7起，尚未审结4起；被提起行政诉讼24起，其中结果维持22起，结果纠正0起，其他结果0起，尚未审结2起。");
        }

        @Test
        void aCompleteConsolidationSaysNothingOfBeingIncomplete() {
            assertThat(html).doesNotContain("本次汇总不完整");
        }

        /** 表三: the note in the corner, 申请人情况 over seven columns, 法人或其他组织 over five. */
        @Test
        void table3HasTheOfficialHeaders() {
            assertThat(html)
                    .contains("<th colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>")
                    .contains("<th colspan=\"7\">申请人情况</th>").contains("<th colspan=\"5\">法人或其他组织</th>")
                    .contains("<td class=\"label\" rowspan=\"20\">三、本年度办理结果</td>")
                    .contains("<td class=\"label\" rowspan=\"8\">（三）不予公开</td>");
        }

        /** 表四: 行政诉讼 over its two kinds, each over five columns. */
        @Test
        void table4HasTheOfficialHeaders() {
            assertThat(html).contains("<th colspan=\"5\" rowspan=\"2\">行政复议</th>")
                    .contains("<th colspan=\"10\">行政诉讼</th>")
                    .contains("<th colspan=\"5\">未经复议直接起诉</th>").contains("<th colspan=\"5\">复议后起诉</th>");
        }

        /** 表二: each 第二十条 item with its header; increases signed as the official tables print them. */
        @Test
        void table2HasItsItemHeadersAndSignedChanges() {
            assertThat(html).contains("<th colspan=\"4\">第二十条第（五）项</th>").contains("<td class=\"num\">+428</td>")
                    .contains("<td class=\"num\">-72</td>").contains("<td class=\"num\">339371.821</td>");
        }

        @Test
        void theReportNeedsNoNetwork() {
            assertThat(html).doesNotContain("http://", "https://", "<script", "<link");
        }

        @Test
        void theWorkbookHasTheThreeTablesAndTheStatusList() {
            assertThat(Stream.of(0, 1, 2, 3).map(i -> workbook.getSheetName(i)).toList())
                    .containsExactly("表二", "表三", "表四", "报送情况");
        }

        /** Every number of the workbook's tables, read back, is the number of consolidated.csv. */
        @ParameterizedTest(name = "{0}")
        @CsvSource({"表二,2", "表三,3", "表四,4"})
        void theWorkbookHoldsEveryNumberOfTheTableAsNumbers(String sheetName, String table) {
            List<BigDecimal> numbers = new ArrayList<>();
            for (Row row : workbook.getSheet(sheetName)) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.NUMERIC) {
                        numbers.add(BigDecimal.valueOf(cell.getNumericCellValue()));
                    }
                }
            }
            List<BigDecimal> expected = consolidated.stream().filter(l -> l.get("table").equals(table))
                    .map(l -> new BigDecimal(l.get("value"))).toList();

            assertThat(expected).isNotEmpty();
            assertThat(numbers).as(sheetName).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(numbers.get(i)).as(sheetName + " #" + i).isEqualByComparingTo(expected.get(i));
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"表二", "表三", "表四"})
        void theWorkbooksTablesHaveMergedHeaders(String sheetName) {
            Sheet sheet = workbook.getSheet(sheetName);

            assertThat(sheet.getNumMergedRegions()).as(sheetName + " merged headers").isPositive();
        }

        @Test
        void theWorkbooksStatusListHasAHeaderAndAllThirteenUnits() {
            assertThat(workbook.getSheet("报送情况").getPhysicalNumberOfRows()).isEqualTo(14);
        }
    }

    /** The problems sample, with a unit name that is an HTML script. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class IncompleteConsolidation {

        private int exitStatus;
        private String html;

        @BeforeAll
        void runTheJob(@TempDir Path dir) throws IOException {
            Path units = dir.resolve("units.csv");
            Files.writeString(units, Files.readString(Path.of("input/sample-2020-problems/units.csv"))
                    .replace("亳州市公安局", "<script>alert('x')</script>公安局"), StandardCharsets.UTF_8);
            Path output = dir.resolve("out");
            exitStatus = new JobRunner().run("--job=jobs/sample-2020-problems.yml", "--units=" + units,
                    "--output=" + output).exitStatus();
            html = Files.readString(output.resolve("report.html"), StandardCharsets.UTF_8);
        }

        @Test
        void theJobEndsIncomplete() {
            assertThat(exitStatus).isEqualTo(3);
        }

        @Test
        void itSaysSoAtTheTop() {
            assertThat(html.indexOf("本次汇总不完整")).isLessThan(html.indexOf("依申请公开情况"));
        }

        @Test
        void itNamesTheMissingUnitAndTheUnknownFile() {
            assertThat(html).contains("未报送：<span>蒙城县人民政府</span>")
                    .contains("无法识别的文件：<span>蒙城县2020年报.csv</span>");
        }

        @Test
        void itEscapesEveryText() {
            assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;公安局").doesNotContain("<script>");
        }

        @Test
        void itListsARejectedUnitWithItsFinding() {
            assertThat(html).contains("<tr class=\"status-rejected\">").contains("<td>被退回</td>")
                    .contains("表三 第（七）项总计·自然人：应为 23（第（一）至（六）项之和），填报为 17（results-total）");
        }
    }
}

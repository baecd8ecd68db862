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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html and report.xlsx of the bundled jobs. */
class ReportTest {

    @TempDir
    Path dir;

    private final JobRunner runner = new JobRunner();

    @Test
    void theReportOpensWithTheSeedsParagraphAndHasTheOfficialTables() throws IOException {
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + dir).exitStatus()).isZero();
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);

        // the numbers of the seed report's 依申请公开情况 paragraph
        assertThat(html).contains("共收到政府信息公开申请276件，其中予以公开114件，部分公开32件，不予公开19件，无法提供87件，"
                + "不予处理4件，其他处理20件；结转下年度继续办理2件。因政府信息公开工作被申请行政复议23起，其中结果维持10起，"
                + "结果纠正2起，其他结果7起，尚未审结4起；被提起行政诉讼24起，其中结果维持22起，结果纠正0起，其他结果0起，尚未审结2起。");
        assertThat(html).doesNotContain("本次汇总不完整");
        // 表三: the note in the corner, 申请人情况 over seven columns, 法人或其他组织 over five
        assertThat(html).contains("<th colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>")
                .contains("<th colspan=\"7\">申请人情况</th>").contains("<th colspan=\"5\">法人或其他组织</th>")
                .contains("<td class=\"label\" rowspan=\"20\">三、本年度办理结果</td>")
                .contains("<td class=\"label\" rowspan=\"8\">（三）不予公开</td>");
        // 表四: 行政诉讼 over its two kinds, each over five columns
        assertThat(html).contains("<th colspan=\"5\" rowspan=\"2\">行政复议</th>").contains("<th colspan=\"10\">行政诉讼</th>")
                .contains("<th colspan=\"5\">未经复议直接起诉</th>").contains("<th colspan=\"5\">复议后起诉</th>");
        // 表二: each 第二十条 item with its header; increases signed as the official tables print them
        assertThat(html).contains("<th colspan=\"4\">第二十条第（五）项</th>").contains("<td class=\"num\">+428</td>")
                .contains("<td class=\"num\">-72</td>").contains("<td class=\"num\">339371.821</td>");
        assertThat(html).doesNotContain("http://", "https://", "<script", "<link");
    }

    @Test
    void anIncompleteConsolidationSaysSoAtTheTopAndEscapesEveryText() throws IOException {
        Path units = dir.resolve("units.csv");
        Files.writeString(units, Files.readString(Path.of("input/sample-2020-problems/units.csv"))
                .replace("亳州市公安局", "<script>alert('x')</script>公安局"), StandardCharsets.UTF_8);
        Path output = dir.resolve("out");

        assertThat(runner.run("--job=jobs/sample-2020-problems.yml", "--units=" + units, "--output=" + output)
                .exitStatus()).isEqualTo(3);
        String html = Files.readString(output.resolve("report.html"), StandardCharsets.UTF_8);

        assertThat(html.indexOf("本次汇总不完整")).isLessThan(html.indexOf("依申请公开情况"));
        assertThat(html).contains("未报送：<span>蒙城县人民政府</span>")
                .contains("无法识别的文件：<span>蒙城县2020年报.csv</span>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;公安局")
                .doesNotContain("<script>");
        assertThat(html).contains("<tr class=\"status-rejected\">").contains("<td>被退回</td>")
                .contains("表三 第（七）项总计·自然人：应为 23（第（一）至（六）项之和），填报为 17（results-total）");
    }

    /** Every number of the workbook's tables, read back, is the number of consolidated.csv. */
    @Test
    void theWorkbookHoldsEveryNumberOfTheTablesAsNumbers() throws IOException {
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + dir).exitStatus()).isZero();
        List<Map<String, String>> consolidated = JobRunner.readCsv(dir.resolve("consolidated.csv"));

        try (InputStream in = Files.newInputStream(dir.resolve("report.xlsx")); Workbook workbook = new XSSFWorkbook(in)) {
            assertThat(Stream.of(0, 1, 2, 3).map(i -> workbook.getSheetName(i)).toList())
                    .containsExactly("表二", "表三", "表四", "报送情况");
            for (String[] table : new String[][] {{"表二", "2"}, {"表三", "3"}, {"表四", "4"}}) {
                List<BigDecimal> numbers = new ArrayList<>();
                Sheet sheet = workbook.getSheet(table[0]);
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.NUMERIC) {
                            numbers.add(BigDecimal.valueOf(cell.getNumericCellValue()));
                        }
                    }
                }
                List<BigDecimal> expected = consolidated.stream().filter(l -> l.get("table").equals(table[1]))
                        .map(l -> new BigDecimal(l.get("value"))).toList();
                assertThat(numbers).as(table[0]).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(numbers.get(i)).as(table[0] + " #" + i).isEqualByComparingTo(expected.get(i));
                }
                assertThat(sheet.getNumMergedRegions()).as(table[0] + " merged headers").isPositive();
            }
            assertThat(workbook.getSheet("报送情况").getPhysicalNumberOfRows()).isEqualTo(14);
        }
    }
}

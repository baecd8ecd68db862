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

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** report.docx, the charts of report.html and the letters to units, as the bundled jobs write them. */
class PublishingTest {

    @TempDir
    Path temp;

    /** In a folder of the test's own: the program's working folder goes beside the output. */
    private Path dir;

    @BeforeEach
    void makeTheOutputFolder() throws IOException {
        dir = Files.createDirectories(temp.resolve("out"));
    }

    private final JobRunner runner = new JobRunner();

    private static XWPFDocument docx(Path folder) throws IOException {
        try (InputStream in = Files.newInputStream(folder.resolve("report.docx"))) {
            return new XWPFDocument(in);
        }
    }

    /** Every number of the document's tables, read back in reading order, is the value of consolidated.csv. */
    @ParameterizedTest
    @CsvSource({"jobs/bozhou-2020.yml, 198", "jobs/sample-county-2021.yml, 200"})
    void theDocumentsTablesHoldEveryNumberOfConsolidatedCsv(String job, int cells) throws IOException {
        assertThat(runner.run("--job=" + job, "--output=" + dir).exitStatus()).isZero();

        List<String> numbers = new ArrayList<>();
        try (XWPFDocument doc = docx(dir)) {
            for (XWPFTable table : doc.getTables()) {
                for (XWPFTableRow row : table.getRows()) {
                    for (XWPFTableCell cell : row.getTableCells()) {
                        XWPFParagraph paragraph = cell.getParagraphs().get(0);
                        if (paragraph.getAlignment() == ParagraphAlignment.RIGHT) {
                            numbers.add(cell.getText());
                        }
                    }
                }
            }
        }
        List<BigDecimal> consolidated = new ArrayList<>(JobRunner.cells(dir.resolve("consolidated.csv")).values());
        assertThat(consolidated).hasSize(cells);
        assertThat(numbers).hasSize(cells);
        for (int i = 0; i < cells; i++) {
            assertThat(new BigDecimal(numbers.get(i))).as("number %d: %s", i, numbers.get(i))
                    .isEqualByComparingTo(consolidated.get(i));
        }
    }

    @Test
    void theDocumentHasTheOfficialTableLayoutWithMergedAndRepeatedHeaders() throws IOException {
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + dir).exitStatus()).isZero();

        try (XWPFDocument doc = docx(dir)) {
            XWPFTable table3 = doc.getTables().stream()
                    .filter(t -> t.getRow(0).getCell(0).getText().startsWith("（本列数据的勾稽关系为")).findFirst()
                    .orElseThrow();
            XWPFTableCell corner = table3.getRow(0).getCell(0);
            assertThat(corner.getText()).isEqualTo("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
            assertThat(corner.getCTTc().getTcPr().getGridSpan().getVal().intValue()).isEqualTo(3);
            assertThat(corner.getCTTc().getTcPr().getVMerge().getVal().toString()).isEqualTo("restart");
            assertThat(table3.getRow(1).getCell(0).getCTTc().getTcPr().getVMerge().getVal().toString())
                    .isEqualTo("continue");
            assertThat(table3.getRow(0).getCell(1).getText()).isEqualTo("申请人情况");
            assertThat(table3.getRow(0).getCell(1).getCTTc().getTcPr().getGridSpan().getVal().intValue()).isEqualTo(7);
            assertThat(table3.getRow(1).getTableCells()).extracting(XWPFTableCell::getText)
                    .contains("法人或其他组织");
            for (int r = 0; r < 3; r++) {
                assertThat(table3.getRow(r).isRepeatHeader()).as("header row %d", r).isTrue();
            }
            assertThat(table3.getRow(3).isRepeatHeader()).isFalse();
            assertThat(doc.getDocument().getBody().getSectPr().getPgSz().getW().toString()).isEqualTo("11906");
            // the Chinese fonts are named with the names Windows also knows them by and the GB2312 character set
            String fonts = new String(doc.getPackage().getPartsByName(java.util.regex.Pattern.compile("/word/fontTable.xml"))
                    .get(0).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(fonts).contains("<w:font w:name=\"仿宋\"><w:altName w:val=\"FangSong\"/>")
                    .contains("<w:font w:name=\"黑体\"><w:altName w:val=\"SimHei\"/>")
                    .contains("<w:font w:name=\"楷体\"><w:altName w:val=\"KaiTi\"/>").contains("<w:charset w:val=\"86\"/>");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "jobs/bozhou-2020.yml, 亳州市人民政府2020年政府信息公开工作年度报告, 国办公开办函〔2019〕60号",
        "jobs/sample-county-2021.yml, 【发布机关】2021年政府信息公开工作年度报告, 国办公开办函〔2021〕30号"})
    void theDocumentHasTheTitleTheOpeningAndTheSixHeadingsInOrder(String job, String title, String format)
            throws IOException {
        assertThat(runner.run("--job=" + job, "--output=" + dir).exitStatus()).isZero();

        try (XWPFDocument doc = docx(dir)) {
            List<String> paragraphs = doc.getParagraphs().stream().map(XWPFParagraph::getText)
                    .filter(t -> !t.isBlank()).toList();
            assertThat(paragraphs.get(0)).isEqualTo(title);
            assertThat(paragraphs.get(1)).startsWith("本年报是根据《中华人民共和国政府信息公开条例》").contains(format);
            assertThat(paragraphs).filteredOn(p -> p.matches("^[一二三四五六]、.*"))
                    .containsExactly("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项");
            assertThat(paragraphs).contains("（二）依申请公开情况");
            assertThat(paragraphs).filteredOn(p -> p.startsWith("【待填写：")).hasSizeGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void theDocumentWritesTheApplicationsParagraphFromTheTotals() throws IOException {
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + dir).exitStatus()).isZero();

        try (XWPFDocument doc = docx(dir)) {
            assertThat(doc.getParagraphs()).extracting(XWPFParagraph::getText)
                    .contains("2020年，共收到政府信息公开申请276件，其中予以公开114件，部分公开32件，不予公开19件，无法提供87件，"
                            + "不予处理4件，其他处理20件；结转下年度继续办理2件。因政府信息公开工作被申请行政复议23起，其中结果维持10起，"
                            + "结果纠正2起，其他结果7起，尚未审结4起；被提起行政诉讼24起，其中结果维持22起，结果纠正0起，其他结果0起，尚未审结2起。");
        }
    }

    @Test
    void theReportsChartsAreInlineSvgWithTheirNumbersInText() throws IOException {
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + dir).exitStatus()).isZero();
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);

        assertThat(html).contains("<svg role=\"img\"").contains("本年度办理结果（表三）（单位：件）")
                .contains("<li>（一）予以公开：114 件</li>").contains("<li>（二）部分公开：32 件</li>")
                .contains("<li>（三）不予公开：19 件</li>").contains("<li>（四）无法提供：87 件</li>")
                .contains("<li>（五）不予处理：4 件</li>").contains("<li>（六）其他处理：20 件</li>")
                .contains("本年新收政府信息公开申请（按单位）");
        // 13 units: the ten largest by name, the other three together
        assertThat(html).contains("<li>其他 3 个单位：");
        assertThat(html).doesNotContain("本年与上年对比");
        assertThat(html).doesNotContain("<script", "http://", "https://", "<link", "<img");
    }

    @Test
    void withLastYearTheReportComparesTheHeadlineFigures() throws IOException {
        // last year: the problems sample's smaller totals (90 applications, 8 reviews), so that a swap shows
        Path lastYear = dir.resolve("2019");
        assertThat(runner.run("--job=jobs/sample-2020-problems.yml", "--output=" + lastYear).exitStatus()).isEqualTo(3);
        Path thisYear = dir.resolve("2020");
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + thisYear, "--previous=" + lastYear)
                .exitStatus()).isZero();
        String html = Files.readString(thisYear.resolve("report.html"), StandardCharsets.UTF_8);

        assertThat(html).contains("本年与上年对比").contains("本年与上年对比（单位：件、起）")
                .contains("<li>本年新收政府信息公开申请：本年 276 件，上年 90 件（增加 186 件）</li>")
                .contains("<li>行政复议：本年 23 起，上年 8 起（增加 15 起）</li>")
                .contains("url(#hatch-2)").doesNotContain("<script", "http://", "https://");
    }

    @Test
    void aSmallerYearIsSaidAsADecrease() throws IOException {
        Path lastYear = dir.resolve("2019");
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + lastYear).exitStatus()).isZero();
        Path thisYear = dir.resolve("2020");
        assertThat(runner.run("--job=jobs/sample-2020-problems.yml", "--output=" + thisYear, "--previous=" + lastYear)
                .exitStatus()).isEqualTo(3);
        String html = Files.readString(thisYear.resolve("report.html"), StandardCharsets.UTF_8);

        assertThat(html).contains("<li>本年新收政府信息公开申请：本年 90 件，上年 276 件（减少 186 件）</li>");
    }

    @Test
    void everyUnitWithAProblemGetsALetterAndNoOtherDoes() throws Exception {
        assertThat(runner.run("--job=jobs/sample-2020-problems.yml", "--output=" + dir).exitStatus()).isEqualTo(3);

        try (Stream<Path> letters = Files.list(dir.resolve("feedback"))) {
            assertThat(letters.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("guoyang.html", "mengcheng.html", "sz-gongan.html", "sz-jiaoyu.html");
        }
        List<Map<String, String>> findings = JobRunner.readCsv(dir.resolve("findings.csv"));
        for (Map<String, String> unit : JobRunner.readCsv(dir.resolve("status.csv"))) {
            Path letter = dir.resolve("feedback").resolve(unit.get("code") + ".html");
            if (!Files.exists(letter)) {
                continue;
            }
            String html = Files.readString(letter, StandardCharsets.UTF_8);
            assertThat(html).contains(unit.get("name") + "：").contains("请于2021年1月31日前完成。")
                    .contains("亳州市人民政府").doesNotContain("<script", "http://", "https://", "<link", "<img");
            if (unit.get("status").equals("missing")) {
                assertThat(html).contains("尚未收到").contains(unit.get("code") + ".csv");
            } else {
                assertThat(html).contains(unit.get("file")).contains(unit.get("sha256")).contains("收到时间");
            }
            List<Map<String, String>> own = findings.stream().filter(f -> f.get("unit").equals(unit.get("code"))).toList();
            assertThat(own).isNotEmpty();
            own.forEach(f -> assertThat(html).contains(f.get("message")));
        }
        assertThat(Files.readString(dir.resolve("feedback/sz-jiaoyu.html"), StandardCharsets.UTF_8))
                .contains("已通过校验并纳入汇总").contains("【提示】");
        assertThat(Files.readString(dir.resolve("feedback/guoyang.html"), StandardCharsets.UTF_8))
                .contains("现予退回").contains("【错误】");
    }

    @Test
    void aCleanRunWritesNoLetters() throws IOException {
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + dir).exitStatus()).isZero();

        assertThat(dir.resolve("feedback")).isEmptyDirectory();
    }

    @Test
    void aLetterEscapesEveryTextFromTheRegistry() throws IOException {
        Path units = dir.resolve("units.csv");
        Files.writeString(units, Files.readString(Path.of("input/sample-2020-problems/units.csv"))
                .replace("亳州市公安局", "<script>alert('x')</script>公安局"), StandardCharsets.UTF_8);
        Path output = dir.resolve("out");

        assertThat(runner.run("--job=jobs/sample-2020-problems.yml", "--units=" + units, "--output=" + output)
                .exitStatus()).isEqualTo(3);

        assertThat(Files.readString(output.resolve("feedback/sz-gongan.html"), StandardCharsets.UTF_8))
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;公安局").doesNotContain("<script");
    }
}

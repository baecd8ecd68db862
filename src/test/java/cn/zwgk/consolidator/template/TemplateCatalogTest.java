package cn.zwgk.consolidator.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.submission.SubmissionReader;
import cn.zwgk.consolidator.validation.RuleChecks;

class TemplateCatalogTest {

    private static final ReportTemplate GOV_2019 = TemplateCatalog.load("gov-2019");
    private static final ReportTemplate GOV_2021 = TemplateCatalog.load("gov-2021");

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("bundled")
    void aBundledTemplatesIdentityWithoutReadingItIsTheOneReadingItGives(String id) {
        ReportTemplate read = TemplateCatalog.load(id);

        assertThat(TemplateCatalog.bundledIdentity(id))
                .isEqualTo(new TemplateCatalog.Identity(read.id(), read.digest()));
    }

    static java.util.List<String> bundled() {
        return TemplateCatalog.bundledIds();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"my-template.yml", "gov-2030", ""})
    void onlyBundledTemplatesHaveAnIdentityWithoutBeingRead(String name) {
        assertThat(TemplateCatalog.bundledIdentity(name)).isNull();
    }

    @Test
    void gov2019HasTheTablesOfTheOfficialFormat() {
        assertThat(GOV_2019.tables()).extracting(TableDef::code).containsExactly("2", "3", "4");
        // 表二 22 cells, 表三 23 rows x 7 columns, 表四 3 x 5: the golden file's 198 lines
        assertThat(GOV_2019.cellCount()).isEqualTo(22 + 23 * 7 + 15);
    }

    @Test
    void gov2019HasOneOtherProcessingRow() {
        assertThat(GOV_2019.table("3").row("3.6")).isNotNull();
        assertThat(GOV_2019.table("3").row("3.6.1")).isNull();
    }

    @Test
    void gov2019Table2HasItsCellTypesAndColumns() {
        assertThat(GOV_2019.table("2").row("20.9.procurement").column("amount").type()).isEqualTo(CellType.AMOUNT);
        assertThat(GOV_2019.table("2").row("20.5.other_services").column("change").type()).isEqualTo(CellType.CHANGE);
        assertThat(GOV_2019.table("2").row("20.8.fees").columns()).extracting(ColumnDef::code)
                .containsExactly("previous_items", "change");
    }

    @Test
    void gov2019HasTheOfficialLabelsAndNote() {
        assertThat(GOV_2019.table("3").row("3.2").label())
                .isEqualTo("（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
        assertThat(GOV_2019.table("3").note()).contains("第一项加第二项之和，等于第三项加第四项之和");
        assertThat(GOV_2019.table("4").row("litigation_after_review").columns()).extracting(ColumnDef::label)
                .containsExactly("结果维持", "结果纠正", "其他结果", "尚未审结", "总计");
    }

    @Test
    void gov2019HasTheRulesOfSpecSection3() {
        assertThat(GOV_2019.rules()).extracting(RuleDef::code)
                .containsExactly("balance", "results-total", "row-total", "appeal-total", "carry-over",
                        "identical-to-last-year");
    }

    @Test
    void gov2021HasItsOwnTable2() {
        assertThat(GOV_2021.cellCount()).isEqualTo(10 + 25 * 7 + 15);
        assertThat(GOV_2021.table("2").rows()).extracting(RowDef::code).containsExactly("20.1.rules",
                "20.1.normative", "20.5.licensing", "20.6.penalty", "20.6.coercion", "20.8.fees");
        assertThat(GOV_2021.table("2").row("20.1.normative").label()).isEqualTo("行政规范性文件");
        assertThat(GOV_2021.table("2").row("20.8.fees").column("amount").label()).isEqualTo("本年收费金额（单位：万元）");
    }

    @Test
    void gov2021HasTheThreeOtherProcessingRows() {
        assertThat(GOV_2021.table("3").row("3.6")).isNull();
        assertThat(GOV_2021.table("3").row("3.6.2").label()).startsWith("2.申请人逾期未按收费通知要求缴纳费用");
    }

    @Test
    void gov2021HasTheInForceRule() {
        assertThat(GOV_2021.rules()).extracting(RuleDef::code).contains("in-force");
    }

    @Test
    void anUnknownTemplateIsAConfigurationProblem() {
        assertThatThrownBy(() -> TemplateCatalog.load("gov-2030"))
                .isInstanceOf(UnknownTemplateException.class).hasMessageContaining("gov-2030");
    }

    /** The official format gains a row: a changed resource file, no Java. */
    @Test
    void aRowAddedToATemplateFileIsReadAndChecked(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(Path.of("src/main/resources/templates/gov-2019.yml"), StandardCharsets.UTF_8)
                .replace("""
                              - {part: 三、本年度办理结果, code: "3.6", label: （六）其他处理, ref: 第三项（六）其他处理}
                        """, """
                              - {part: 三、本年度办理结果, code: "3.6", label: （六）其他处理, ref: 第三项（六）其他处理}
                              - {part: 三、本年度办理结果, code: "3.6.9", label: （六之二）新增情形, ref: 第三项（六之二）}
                        """)
                .replace("\"3.5.4\", \"3.5.5\", \"3.6\"]", "\"3.5.4\", \"3.5.5\", \"3.6\", \"3.6.9\"]")
                .replace("id: gov-2019", "id: gov-2019-extended");
        assertThat(yaml).contains("3.6.9");
        Path file = dir.resolve("gov-2019-extended.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);

        ReportTemplate extended = TemplateCatalog.load(file.toString());

        assertThat(extended.cellCount()).isEqualTo(TemplateCatalog.load("gov-2019").cellCount() + 7);
        SampleSubmission submission = SampleSubmission.gov2019();
        for (String column : new String[] {"natural", "commercial", "research", "nonprofit", "legal_service", "other",
                "total"}) {
            submission.withLine("3,3.6.9," + column + "," + (column.equals("natural") || column.equals("total") ? 1 : 0));
        }
        var read = new SubmissionReader(extended, false).read(submission.bytes());
        assertThat(read.findings()).isEmpty();
        // the new row counts in the results total: 1 more result than （七）总计 says
        assertThat(new RuleChecks(extended).check(read.values(), null))
                .extracting(f -> f.rule() + ":" + f.column())
                .containsExactlyInAnyOrder("results-total:natural", "results-total:total");
    }

    @Test
    void aRuleNamingAnUnknownRowIsRefusedWhenTheTemplateIsLoaded(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(Path.of("src/main/resources/templates/gov-2019.yml"), StandardCharsets.UTF_8)
                .replace("total: [\"3.7\", \"4\"]", "total: [\"3.7\", \"5\"]");
        Path file = dir.resolve("broken.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TemplateCatalog.load(file.toString())).hasMessageContaining("unknown row 5");
    }

    private static String bundled(String id) throws IOException {
        return Files.readString(Path.of("src/main/resources/templates/" + id + ".yml"), StandardCharsets.UTF_8);
    }

    /** Each case changes one thing in a bundled template; the change must be refused when the file is read. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            gov-2019 | 'layout: across '                 | 'layout: accross '                | accross
            gov-2019 | 'layout: sections '               | 'layout: matrix '                 | 各行的列应相同
            gov-2019 | 'code: litigation_direct,'        | 'code: review,'                   | 行代码 review 出现了两次
            gov-2019 | 'cells: ["4,review,total"]'       | 'cells: ["4,review,totl"]'        | 4,review,totl
            gov-2019 | 'received: ["3,1,total"]'         | 'received: ["3,1,tota"]'          | 3,1,tota
            gov-2019 | '{received}件'                    | '{recieved}件'                    | {recieved}
            gov-2019 | 'id: gov-2019'                    | 'id: gov-2019\\nid: again'         | 重复出现
            gov-2019 | 'columns-heading: '               | 'column-heading: '                | column-heading
            gov-2019 | 'type: amount}'                   | 'type: money}'                    | money
            gov-2019 | 'severity: warning'               | 'severity: warn'                  | warn
            gov-2019 | 'for-each: row\\n'                 | 'for-each: rows\\n'               | rows
            gov-2019 | 'table: "4"'                      | 'table: "5"'                      | table “5” 不存在
            gov-2019 | 'parts: [upheld, corrected,'      | 'parts: [upheld, corected,'       | 列 corected
            gov-2021 | 'only: [20.1.rules, 20.1.normative]' | 'only: [20.1.rules, 20.1.nope]' | 行 20.1.nope
            gov-2019 | 'rules:\\n'                        | 'rules:\\n  - {code: nowhere, severity: error, table: "2", for-each: row, total: [made], parts: [previous_items], total-label: a, parts-label: b}\\n' | 永远不会检查
            gov-2019 | '  - code: balance'               | '  - code: results-total'         | 规则代码 results-total 出现了两次
            """)
    void aMistakeInATemplateFileIsRefusedWhenItIsRead(String id, String from, String to, String said,
            @TempDir Path dir) throws IOException {
        String yaml = bundled(id);
        assertThat(yaml).contains(from.replace("\\n", "\n"));
        Path file = dir.resolve("custom.yml");
        Files.writeString(file, yaml.replaceFirst(java.util.regex.Pattern.quote(from.replace("\\n", "\n")),
                java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n"))), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TemplateCatalog.load(file.toString())).isInstanceOf(UnknownTemplateException.class)
                .hasMessageStartingWith("模板文件 " + file).hasMessageContaining(said)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            'id: t\\ntitle: t\\ntables: []\\n'                                              | tables 是空的
            'id: t\\ntitle: t\\n'                                                           | 缺少 tables
            'id: t\\ntitle: t\\ntables:\\n  - {code: "1", name: 表一, title: T, rows: []}\\n' | 没有行
            'id: t\\ntitle: t\\ntables:\\n  - {code: "1", name: 表一, title: T, rows: [{code: a, label: A}]}\\n' | 没有列
            'id: t\\ntitle: t\\ntables: {a: b}\\n'                                          | tables 应为列表
            '- just\\n- a list\\n'                                                         | 映射
            """)
    void anEmptyOrMisshapenTemplateIsRefused(String yaml, String said, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("custom.yml");
        Files.writeString(file, yaml.replace("\\n", "\n"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TemplateCatalog.load(file.toString())).isInstanceOf(UnknownTemplateException.class)
                .hasMessageContaining(said).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aTemplateFileThatIsNotThereIsSaidSo(@TempDir Path dir) {
        assertThatThrownBy(() -> TemplateCatalog.load(dir.resolve("none.yml").toString()))
                .isInstanceOf(UnknownTemplateException.class).hasMessageContaining("不存在");
    }

    @Test
    void aFolderNamedLikeATemplateIsNoTemplate(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.yml"));

        assertThatThrownBy(() -> TemplateCatalog.load(folder.toString()))
                .isInstanceOf(UnknownTemplateException.class).hasMessageContaining("不是文件");
    }

    @Test
    void theLayoutIsAnEnum() {
        assertThat(TemplateCatalog.load("gov-2019").tables()).extracting(TableDef::layout)
                .containsExactly(TableLayout.SECTIONS, TableLayout.MATRIX, TableLayout.ACROSS);
    }
}

package cn.zwgk.consolidator.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.common.Severity;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;

/** Every structural finding of docs/rules.md, each from a file broken in that one way. */
class SubmissionReaderTest {

    private static final ReportTemplate GOV_2019 = TemplateCatalog.load("gov-2019");

    private static SubmissionReader.Result read(SampleSubmission submission) {
        return new SubmissionReader(GOV_2019, false).read(submission.bytes());
    }

    private static List<Finding> findings(byte[] bytes) {
        return new SubmissionReader(GOV_2019, false).read(bytes).findings();
    }

    @Test
    void aValidFileGivesEveryValueAndNoFinding() {
        SampleSubmission s = SampleSubmission.gov2019();
        SubmissionReader.Result read = read(s);

        assertThat(read.findings()).isEmpty();
        int amount = GOV_2019.indexOf("2", "20.9.procurement", "amount");
        assertThat(read.values().amount(amount)).isEqualByComparingTo(s.value("2", "20.9.procurement", "amount"));
        int change = GOV_2019.indexOf("2", "20.5.other_services", "change");
        assertThat(read.values().whole(change)).isEqualTo(s.number("2", "20.5.other_services", "change")).isNegative();
    }

    /** Every bundled submission, with the template of its job. */
    static Stream<Arguments> bundledSubmissions() throws IOException {
        List<Arguments> files = new ArrayList<>();
        for (String job : List.of("bozhou-2020", "sample-county-2021")) {
            String template = job.equals("bozhou-2020") ? "gov-2019" : "gov-2021";
            try (Stream<Path> list = Files.list(Path.of("input", job, "submissions"))) {
                list.sorted().forEach(file -> files.add(Arguments.of(template, file)));
            }
        }
        return files.stream();
    }

    private static byte[] withCrlf(byte[] lf) {
        return new String(lf, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bundledSubmissions")
    void aBundledSubmissionHasNoFinding(String template, Path file) throws IOException {
        SubmissionReader reader = new SubmissionReader(TemplateCatalog.load(template), false);

        assertThat(reader.readGeneral(Files.readAllBytes(file)).findings()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bundledSubmissions")
    void aBundledSubmissionTakesTheFastPath(String template, Path file) throws IOException {
        assertThat(new CanonicalFile(TemplateCatalog.load(template)).read(Files.readAllBytes(file)))
                .as("fast path taken for " + file).isNotNull();
    }

    /** Most files take the fast path; it must read exactly what the general reader reads. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("bundledSubmissions")
    void theFastPathReadsWhatTheGeneralReaderReads(String template, Path file) throws IOException {
        SubmissionReader reader = new SubmissionReader(TemplateCatalog.load(template), false);
        byte[] lf = Files.readAllBytes(file);

        assertThat(reader.read(lf).values().sameValues(reader.readGeneral(lf).values())).as(file.toString()).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bundledSubmissions")
    void theFastPathReadsWhatTheGeneralReaderReadsWithCrlf(String template, Path file) throws IOException {
        SubmissionReader reader = new SubmissionReader(TemplateCatalog.load(template), false);
        byte[] lf = Files.readAllBytes(file);

        assertThat(reader.read(withCrlf(lf)).values().sameValues(reader.readGeneral(lf).values()))
                .as(file + " CRLF").isTrue();
    }

    @Test
    void aCanonicalFileTakesTheFastPath() {
        assertThat(new CanonicalFile(GOV_2019).read(SampleSubmission.gov2019().bytes())).isNotNull();
    }

    static Stream<Named<SampleSubmission>> almostCanonicalFiles() {
        return Stream.of(
                Named.of("a space before a value", SampleSubmission.gov2019().with("3", "1", "natural", " 48")),
                Named.of("a negative count", SampleSubmission.gov2019().with("3", "1", "natural", "-1")),
                Named.of("an amount ending in a point", SampleSubmission.gov2019()
                        .with("2", "20.9.procurement", "amount", "1.")),
                Named.of("a blank line at the end", SampleSubmission.gov2019().withLine("")),
                Named.of("a stray line at the end", SampleSubmission.gov2019().withLine("x")),
                Named.of("a cell left out", SampleSubmission.gov2019().without("4", "review", "total")),
                Named.of("a label column", SampleSubmission.gov2019().withHeader("table,row,column,value,label")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("almostCanonicalFiles")
    void aFileThatIsAlmostCanonicalGoesTheGeneralWay(SampleSubmission almost) {
        assertThat(new CanonicalFile(GOV_2019).read(almost.bytes())).isNull();
    }

    @Test
    void anEmptyFileIsUnreadable() {
        assertThat(findings(new byte[0])).extracting(Finding::rule, Finding::severity)
                .containsExactly(tuple("unreadable", Severity.ERROR));
    }

    @Test
    void aFileOfOnlyBlankLinesAndCommasIsUnreadable() {
        assertThat(findings("\n,,,\n\n".getBytes(StandardCharsets.UTF_8))).extracting(Finding::rule)
                .containsExactly("unreadable");
    }

    @Test
    void bytesThatAreNoTextAreUnreadable() {
        byte[] binary = new byte[512];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37);
        }
        List<Finding> findings = findings(binary);

        assertThat(findings).extracting(Finding::rule).containsExactly("unreadable");
        assertThat(findings.get(0).message()).contains("不是可识别的文本");
    }

    @Test
    void aMissingRequiredColumnIsAHeaderFinding() {
        List<Finding> findings = read(SampleSubmission.gov2019().withHeader("table,row,col,value")).findings();

        assertThat(findings).extracting(Finding::rule).containsExactly("header");
        assertThat(findings.get(0).message()).contains("第 1 行").contains("未知的列“col”").contains("缺少列“column”");
    }

    @Test
    void anUnknownColumnIsAHeaderFinding() {
        assertThat(read(SampleSubmission.gov2019().withHeader("table,row,column,value,remark")).findings())
                .extracting(Finding::rule).containsExactly("header");
    }

    /** The header decides what each field is: a header reordered over unchanged lines is no valid file. */
    @Test
    void aHeaderInAnotherOrderThanItsLinesIsRefused() {
        assertThat(read(SampleSubmission.gov2019().withHeader("value,column,row,table")).findings()).isNotEmpty();
    }

    @Test
    void columnsMayComeInAnyOrderWithALabelColumn() {
        StringBuilder text = new StringBuilder("label,value,column,row,table\n");
        SampleSubmission s = SampleSubmission.gov2019();
        for (String line : s.text().split("\n")) {
            if (!line.startsWith("table")) {
                String[] f = line.split(",");
                text.append("说明,").append(f[3]).append(',').append(f[2]).append(',').append(f[1]).append(',')
                        .append(f[0]).append('\n');
            }
        }
        SubmissionReader.Result reordered = new SubmissionReader(GOV_2019, false)
                .read(text.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(reordered.findings()).isEmpty();
        assertThat(reordered.values().sameValues(read(s).values())).isTrue();
    }

    @Test
    void textAfterTheDataIsAMalformedLine() {
        SampleSubmission s = SampleSubmission.gov2019().withLine("CBA直播,CBA直播在线观看");

        List<Finding> findings = read(s).findings();

        assertThat(findings).extracting(Finding::rule, Finding::expected, Finding::actual)
                .containsExactly(tuple("malformed-line", "4 个字段", "2 个字段"));
        assertThat(findings.get(0).message()).startsWith("第 " + s.lineCount() + " 行").contains("CBA直播");
    }

    @Test
    void anUnclosedQuoteIsAMalformedLine() {
        SampleSubmission s = SampleSubmission.gov2019().with("2", "20.5.licensing", "decisions", "\"2,620,291");

        assertThat(read(s).findings()).extracting(Finding::rule).containsExactly("malformed-line");
    }

    @Test
    void anUnknownTableRowOrColumnIsAnUnknownCell() {
        SampleSubmission s = SampleSubmission.gov2019().withLine("5,1,natural,1").withLine("3,3.9,natural,1")
                .withLine("3,1,citizen,1");

        List<Finding> findings = read(s).findings();

        assertThat(findings).extracting(Finding::rule, Finding::table, Finding::row, Finding::column)
                .containsExactly(tuple("unknown-cell", "5", "1", "natural"), tuple("unknown-cell", "3", "3.9", "natural"),
                        tuple("unknown-cell", "3", "1", "citizen"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "5,1,natural,1|没有表“5”|",
            "3,3.9,natural,1|表三 没有行代码“3.9”|",
            "3,1,citizen,1|没有列代码“citizen”|natural（自然人）"})
    void anUnknownCellSaysWhatIsUnknown(String line, String says, String suggests) {
        List<Finding> findings = read(SampleSubmission.gov2019().withLine(line)).findings();

        assertThat(findings).extracting(Finding::rule).containsExactly("unknown-cell");
        assertThat(findings.get(0).message()).contains(says);
        if (suggests != null) {
            assertThat(findings.get(0).message()).contains(suggests);
        }
    }

    @Test
    void aCellGivenTwiceIsADuplicateCell() {
        SampleSubmission s = SampleSubmission.gov2019();
        int first = s.lineOf("3", "1", "natural");
        s.withLine("3,1,natural,7");

        List<Finding> findings = read(s).findings();

        assertThat(findings).extracting(Finding::rule, Finding::table, Finding::row, Finding::column, Finding::actual)
                .containsExactly(tuple("duplicate-cell", "3", "1", "natural", "7"));
        assertThat(findings.get(0).message()).contains("已在第 " + first + " 行填报过");
    }

    @Test
    void aCellNotGivenIsAMissingCell() {
        List<Finding> findings = read(SampleSubmission.gov2019().without("4", "review", "pending")).findings();

        assertThat(findings).extracting(Finding::rule, Finding::table, Finding::row, Finding::column)
                .containsExactly(tuple("missing-cell", "4", "review", "pending"));
        assertThat(findings.get(0).message()).startsWith("表四 行政复议·尚未审结：缺少这一项");
    }

    @Test
    void textInsteadOfANumberIsNotANumber() {
        SampleSubmission s = SampleSubmission.gov2019().with("3", "1", "natural", "二十六");

        List<Finding> findings = read(s).findings();

        assertThat(findings).extracting(Finding::rule, Finding::row, Finding::column, Finding::actual)
                .containsExactly(tuple("not-a-number", "1", "natural", "二十六"));
        assertThat(findings.get(0).message()).isEqualTo("第 " + s.lineOf("3", "1", "natural")
                + " 行：表三 第一项（本年新收）·自然人：应为不小于 0 的整数，填报为“二十六”");
    }

    @Test
    void aFractionInACountIsNotWhole() {
        assertThat(read(SampleSubmission.gov2019().with("4", "review", "upheld", "2.5")).findings())
                .extracting(Finding::rule, Finding::row, Finding::column).containsExactly(tuple("not-whole", "review", "upheld"));
    }

    @Test
    void aNegativeCountIsNegative() {
        assertThat(read(SampleSubmission.gov2019().with("2", "20.6.penalty", "decisions", "-5")).findings())
                .extracting(Finding::rule, Finding::column).containsExactly(tuple("negative", "decisions"));
    }

    @Test
    void aNegativeChangeIsFine() {
        assertThat(read(SampleSubmission.gov2019().with("2", "20.6.penalty", "change", "-5")).findings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource({
            "20.6.penalty,decisions,99999999999999999999",
            "20.6.penalty,change,-1000000000000",
            "20.9.procurement,amount,1.1234567"})
    void aValueBeyondTheTypesRangeIsOutOfRangeNeverAnOverflow(String row, String column, String value) {
        assertThat(read(SampleSubmission.gov2019().with("2", row, column, value)).findings())
                .extracting(Finding::rule).containsExactly("out-of-range");
    }

    @Test
    void aBlankValueIsAnEmptyValueError() {
        List<Finding> findings = read(SampleSubmission.gov2019().with("3", "2", "other", "  ")).findings();

        assertThat(findings).extracting(Finding::rule, Finding::severity, Finding::row, Finding::column)
                .containsExactly(tuple("empty-value", Severity.ERROR, "2", "other"));
        assertThat(findings.get(0).message()).endsWith("填报为空白");
    }

    @Test
    void blankAsZeroTurnsABlankIntoZeroWithAWarning() {
        SampleSubmission s = SampleSubmission.gov2019().with("3", "2", "other", "");

        SubmissionReader.Result read = new SubmissionReader(GOV_2019, true).read(s.bytes());

        assertThat(read.findings()).extracting(Finding::rule, Finding::severity)
                .containsExactly(tuple("empty-value", Severity.WARNING));
        assertThat(read.values().whole(GOV_2019.indexOf("3", "2", "other"))).isZero();
    }

    @Test
    void manyBlankCellsUnderBlankAsZeroAreWarningsNotTooManyErrors() {
        SampleSubmission s = SampleSubmission.gov2019();
        for (String row : List.of("3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "3.3.6", "3.3.7", "3.3.8", "3.4.1",
                "3.4.2", "3.4.3", "3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5", "3.6")) {
            for (String column : List.of("research", "nonprofit", "legal_service", "other", "commercial", "natural",
                    "total")) {
                if (s.value("3", row, column).equals("0")) {
                    s.with("3", row, column, "");
                }
            }
        }
        SubmissionReader.Result read = new SubmissionReader(GOV_2019, true).read(s.bytes());

        assertThat(read.findings()).hasSizeGreaterThan(SubmissionReader.MAX_FINDINGS)
                .allMatch(f -> f.rule().equals("empty-value") && !f.isError());
    }

    @Test
    void aMillionJunkLinesStopAtTheCapWithoutBeingKept() {
        byte[] junk = ("table,row,column,value\n" + "x\n".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8);

        List<Finding> findings = findings(junk);

        assertThat(findings).hasSize(SubmissionReader.MAX_FINDINGS + 1);
        assertThat(findings.get(SubmissionReader.MAX_FINDINGS).message()).contains("问题过多").contains("第 102 行");
    }

    @Test
    void anAmountInYuanIsRefused() {
        SampleSubmission yuan = SampleSubmission.gov2019().with("2", "20.9.procurement", "amount", "3393718210元");

        assertThat(read(yuan).findings()).extracting(Finding::rule).containsExactly("not-a-number");
    }

    @Test
    void anAmountInWanYuanIsAccepted() {
        SampleSubmission wan = SampleSubmission.gov2019().with("2", "20.9.procurement", "amount", "339371.821万元");

        SubmissionReader.Result read = read(wan);
        assertThat(read.findings()).isEmpty();
        assertThat(read.values().amount(GOV_2019.indexOf("2", "20.9.procurement", "amount")))
                .isEqualTo(new BigDecimal("339371.821"));
    }

    @Test
    void aLineNumberCountsBlankLines() {
        String text = SampleSubmission.gov2019().text().replace("3,1,natural,", "\n,,,\n3,1,natural,X");

        List<Finding> findings = findings(text.getBytes(StandardCharsets.UTF_8));

        int line = SampleSubmission.gov2019().lineOf("3", "1", "natural") + 2;
        assertThat(findings).extracting(Finding::rule).containsExactly("not-a-number");
        assertThat(findings.get(0).message()).startsWith("第 " + line + " 行");
    }
}

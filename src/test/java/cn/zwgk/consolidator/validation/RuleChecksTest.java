package cn.zwgk.consolidator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.common.Severity;
import cn.zwgk.consolidator.submission.SubmissionReader;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

/** Every rule of docs/rules.md, broken once on purpose. */
class RuleChecksTest {

    private static final ReportTemplate GOV_2019 = TemplateCatalog.load("gov-2019");
    private static final ReportTemplate GOV_2021 = TemplateCatalog.load("gov-2021");

    private static ReportValues values(ReportTemplate template, SampleSubmission submission) {
        SubmissionReader.Result read = new SubmissionReader(template, false).read(submission.bytes());
        assertThat(read.findings()).as("the file itself is well formed").isEmpty();
        return read.values();
    }

    private static List<Finding> check(ReportTemplate template, SampleSubmission submission) {
        return new RuleChecks(template).check(values(template, submission), null);
    }

    @Test
    void theBundledGov2019SubmissionPassesEveryRule() {
        assertThat(check(GOV_2019, SampleSubmission.gov2019())).isEmpty();
    }

    @Test
    void theBundledGov2021SubmissionPassesEveryRule() {
        assertThat(check(GOV_2021, SampleSubmission.gov2021())).isEmpty();
    }

    @Test
    void balanceComparesNewPlusCarriedWithResultsPlusCarriedForward() {
        SampleSubmission s = SampleSubmission.gov2019();
        long row1 = s.number("3", "1", "commercial");
        long row2 = s.number("3", "2", "commercial");
        long row37 = s.number("3", "3.7", "commercial");
        long row4 = s.number("3", "4", "commercial");
        // one more application received, in the commercial column and its total
        s.plus("3", "1", "commercial", 1).plus("3", "1", "total", 1);

        List<Finding> findings = check(GOV_2019, s);

        assertThat(findings).extracting(Finding::rule, Finding::severity, Finding::table, Finding::row, Finding::column,
                Finding::expected, Finding::actual).contains(
                tuple("balance", Severity.ERROR, "3", "3.7+4", "commercial", Long.toString(row1 + 1 + row2),
                        Long.toString(row37 + row4)));
        assertThat(findings).extracting(Finding::rule).containsOnly("balance");
        assertThat(findings).extracting(Finding::column).containsExactly("commercial", "total");
        assertThat(findings.get(0).message()).isEqualTo("表三 商业企业列：第一项加第二项之和为 " + (row1 + 1 + row2)
                + "，第三项（七）总计加第四项之和为 " + (row37 + row4) + "，两者应相等");
    }

    @Test
    void resultsTotalSaysWhatTheSeventhRowShouldBe() {
        SampleSubmission s = SampleSubmission.gov2019();
        long row37 = s.number("3", "3.7", "natural");
        // the spec's example: （七）总计 reported 6 too low
        s.plus("3", "3.7", "natural", -6).plus("3", "3.7", "total", -6)
                .plus("3", "4", "natural", 6).plus("3", "4", "total", 6);

        List<Finding> findings = check(GOV_2019, s);

        assertThat(findings).extracting(Finding::rule, Finding::row, Finding::column, Finding::expected, Finding::actual)
                .containsExactly(
                        tuple("results-total", "3.7", "natural", Long.toString(row37), Long.toString(row37 - 6)),
                        tuple("results-total", "3.7", "total", Long.toString(s.number("3", "3.7", "total") + 6),
                                s.value("3", "3.7", "total")));
        assertThat(findings.get(0).message())
                .isEqualTo("表三 第（七）项总计·自然人：应为 " + row37 + "（第（一）至（六）项之和），填报为 " + (row37 - 6));
    }

    @Test
    void resultsTotalCountsTheThreeOtherProcessingRowsOfGov2021() {
        SampleSubmission s = SampleSubmission.gov2021().plus("3", "3.6.2", "research", 2)
                .plus("3", "3.6.2", "total", 2);

        assertThat(check(GOV_2021, s)).extracting(Finding::rule, Finding::row, Finding::column)
                .containsExactly(tuple("results-total", "3.7", "research"), tuple("results-total", "3.7", "total"));
    }

    @Test
    void rowTotalSaysWhichRowsTotalIsWrong() {
        // one case moved between the totals of two rows: every column sum still holds
        SampleSubmission s = SampleSubmission.gov2019().plus("3", "3.4.1", "total", 1).plus("3", "3.4.2", "total", -1);
        long total = s.number("3", "3.4.1", "total");

        List<Finding> findings = check(GOV_2019, s);

        assertThat(findings).extracting(Finding::rule, Finding::table, Finding::row, Finding::column,
                Finding::expected, Finding::actual)
                .containsExactly(
                        tuple("row-total", "3", "3.4.1", "total", Long.toString(total - 1), Long.toString(total)),
                        tuple("row-total", "3", "3.4.2", "total", Long.toString(s.number("3", "3.4.2", "total") + 1),
                                s.value("3", "3.4.2", "total")));
        assertThat(findings.get(0).message()).isEqualTo("表三 第三项（四）无法提供·1.本机关不掌握相关政府信息·总计：应为 "
                + (total - 1) + "（自然人与五类法人或其他组织之和），填报为 " + total);
    }

    @Test
    void appealTotalChecksEveryRowOfTable4() {
        SampleSubmission s = SampleSubmission.gov2019().plus("4", "litigation_after_review", "pending", 1);
        long total = s.number("4", "litigation_after_review", "total");

        List<Finding> findings = check(GOV_2019, s);

        assertThat(findings).extracting(Finding::rule, Finding::table, Finding::row, Finding::column,
                Finding::expected, Finding::actual)
                .containsExactly(tuple("appeal-total", "4", "litigation_after_review", "total",
                        Long.toString(total + 1), Long.toString(total)));
        assertThat(findings.get(0).message()).isEqualTo("表四 行政诉讼·复议后起诉·总计：应为 " + (total + 1)
                + "（结果维持、结果纠正、其他结果、尚未审结之和），填报为 " + total);
    }

    /** A gov-2019 year followed by a gov-2021 year: rows 2 and 4 exist in both. */
    private static SampleSubmission lastYearCarryingForward3() {
        return SampleSubmission.gov2019().with("3", "4", "natural", "3");
    }

    @Test
    void carryOverComparesWithLastYearsCarriedForwardRow() {
        SampleSubmission thisYear = SampleSubmission.gov2021().with("3", "2", "natural", "1");
        RuleChecks rules = new RuleChecks(GOV_2021);

        List<Finding> findings = rules.check(values(GOV_2021, thisYear), values(GOV_2019, lastYearCarryingForward3())).stream()
                .filter(f -> f.rule().equals("carry-over")).toList();

        assertThat(findings).extracting(Finding::severity, Finding::table, Finding::row, Finding::column,
                Finding::expected, Finding::actual)
                .contains(tuple(Severity.WARNING, "3", "2", "natural", "3", "1"));
        assertThat(findings.stream().filter(f -> f.column().equals("natural")).findFirst().orElseThrow().message())
                .isEqualTo("表三 第二项（上年结转）·自然人：应为 3（上年报表第四项（结转下年度）），填报为 1");
    }

    @Test
    void carryOverIsSilentWhenThisYearCarriesWhatLastYearCarriedForward() {
        SampleSubmission thisYear = SampleSubmission.gov2021().with("3", "2", "natural", "3");

        assertThat(new RuleChecks(GOV_2021).check(values(GOV_2021, thisYear), values(GOV_2019, lastYearCarryingForward3())))
                .noneMatch(f -> f.rule().equals("carry-over") && f.column().equals("natural"));
    }

    /** This year: 5 normative documents issued, 2 repealed, in force what last year's numbers say. */
    private static SampleSubmission fiveIssuedTwoRepealed(SampleSubmission lastYear) {
        long lastInForce = lastYear.number("2", "20.1.normative", "in_force");
        return SampleSubmission.gov2021()
                .with("2", "20.1.normative", "issued", "5").with("2", "20.1.normative", "repealed", "2")
                .with("2", "20.1.normative", "in_force", Long.toString(lastInForce + 5 - 2))
                .with("2", "20.1.rules", "in_force", lastYear.value("2", "20.1.rules", "in_force"))
                .with("2", "20.1.rules", "issued", "0").with("2", "20.1.rules", "repealed", "0");
    }

    @Test
    void inForceFollowsFromLastYearAndThisYearsIssuedAndRepealed() {
        SampleSubmission lastYear = SampleSubmission.gov2021();
        SampleSubmission thisYear = fiveIssuedTwoRepealed(lastYear);

        assertThat(new RuleChecks(GOV_2021).check(values(GOV_2021, thisYear), values(GOV_2021, lastYear)))
                .noneMatch(f -> f.rule().equals("in-force"));
    }

    @Test
    void inForceThatDoesNotFollowIsAWarning() {
        SampleSubmission lastYear = SampleSubmission.gov2021();
        long lastInForce = lastYear.number("2", "20.1.normative", "in_force");
        SampleSubmission thisYear = fiveIssuedTwoRepealed(lastYear)
                .with("2", "20.1.normative", "in_force", Long.toString(lastInForce + 5));

        assertThat(new RuleChecks(GOV_2021).check(values(GOV_2021, thisYear), values(GOV_2021, lastYear)))
                .filteredOn(f -> f.rule().equals("in-force"))
                .extracting(Finding::rule, Finding::severity, Finding::row, Finding::column, Finding::expected,
                        Finding::actual)
                .containsExactly(tuple("in-force", Severity.WARNING, "20.1.normative", "in_force",
                        Long.toString(lastInForce + 3), Long.toString(lastInForce + 5)));
    }

    @Test
    void identicalToLastYearIsAWarning() {
        ReportValues same = values(GOV_2019, SampleSubmission.gov2019());

        assertThat(new RuleChecks(GOV_2019).check(same, values(GOV_2019, SampleSubmission.gov2019())))
                .extracting(Finding::rule, Finding::severity)
                .contains(tuple("identical-to-last-year", Severity.WARNING));
    }

    @Test
    void oneCellChangedSinceLastYearIsNotIdentical() {
        ReportValues same = values(GOV_2019, SampleSubmission.gov2019());
        SampleSubmission changed = SampleSubmission.gov2019().plus("2", "20.6.penalty", "decisions", 1);

        assertThat(new RuleChecks(GOV_2019).check(values(GOV_2019, changed), same))
                .extracting(Finding::rule).doesNotContain("identical-to-last-year");
    }

    @Test
    void rulesThatNeedLastYearAreSkippedWithoutIt() {
        SampleSubmission s = SampleSubmission.gov2021().with("2", "20.1.normative", "in_force", "999999");

        assertThat(check(GOV_2021, s)).isEmpty();
    }
}

package cn.zwgk.consolidator.consolidation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.submission.SubmissionReader;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

class ConsolidationTest {

    private static final ReportTemplate GOV_2019 = TemplateCatalog.load("gov-2019");

    private static ReportValues validTotals() {
        return new SubmissionReader(GOV_2019, false).read(SampleSubmission.gov2019().bytes()).values();
    }

    @Test
    void totalsThatKeepEveryRuleArePublished() {
        ReportValues totals = validTotals();

        assertThatCode(() -> Consolidation.verify(totals)).doesNotThrowAnyException();
    }

    @Test
    void totalsThatBreakARuleStopThePublication() {
        ReportValues totals = validTotals();
        totals.add(GOV_2019.indexOf("3", "1", "natural"), java.math.BigDecimal.ONE);

        assertThatThrownBy(() -> Consolidation.verify(totals))
                .isInstanceOf(Consolidation.InconsistentTotalsException.class)
                .hasMessageContaining("合并结果未通过勾稽关系校验").hasMessageContaining("自然人");
    }
}

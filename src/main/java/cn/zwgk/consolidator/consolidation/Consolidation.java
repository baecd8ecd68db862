package cn.zwgk.consolidator.consolidation;

import java.util.List;
import java.util.stream.Collectors;

import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.validation.RuleChecks;

/** Consolidation proper: the city totals are the sum of the accepted submissions, and must pass the rules. */
public final class Consolidation {

    private Consolidation() {
    }

    /**
     * Every rule is linear, so a sum of valid submissions is valid: if the totals break a rule,
     * something upstream is wrong and nothing may be published.
     *
     * @throws InconsistentTotalsException listing the broken rules
     */
    public static void verify(ReportValues totals) {
        List<Finding> errors = new RuleChecks(totals.template()).errors(totals);
        if (!errors.isEmpty()) {
            throw new InconsistentTotalsException("合并结果未通过勾稽关系校验，未发布任何输出："
                    + errors.stream().map(Finding::message).collect(Collectors.joining("；")));
        }
    }

    /**
     * The totals kept in the database and the sum of the per-unit values written for next year
     * come from the same submissions by two paths; they must agree to the last digit.
     */
    public static void requireSame(ReportValues totals, ReportValues sumOfUnits) {
        if (!totals.sameValues(sumOfUnits)) {
            throw new InconsistentTotalsException("合计与各单位数据之和不一致，未发布任何输出（accepted-values 与数据库中的部分和不符）");
        }
    }

    /** The totals broke a rule that every accepted submission passed: a defect, never a data problem. */
    public static class InconsistentTotalsException extends IllegalStateException {

        public InconsistentTotalsException(String message) {
            super(message);
        }
    }
}

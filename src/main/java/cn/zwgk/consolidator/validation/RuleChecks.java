package cn.zwgk.consolidator.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ColumnDef;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.RowDef;
import cn.zwgk.consolidator.template.RuleDef;
import cn.zwgk.consolidator.template.TableDef;

/**
 * The template's cross-checks, unrolled once per template into one equation per column or row, so
 * that checking a submission is a few hundred additions over arrays.
 */
public final class RuleChecks {

    private final ReportTemplate template;
    private final List<Equation> equations = new ArrayList<>();
    private final List<RuleDef> wholeReportRules = new ArrayList<>();

    public RuleChecks(ReportTemplate template) {
        this.template = template;
        for (RuleDef rule : template.rules()) {
            if (rule.kind() == RuleDef.Kind.IDENTICAL_TO_PREVIOUS) {
                wholeReportRules.add(rule);
            } else {
                unroll(rule);
            }
        }
    }

    private void unroll(RuleDef rule) {
        TableDef table = template.table(rule.table());
        if (rule.forEach() == RuleDef.ForEach.COLUMN) {
            RowDef first = table.row(rule.total().get(0).code());
            for (ColumnDef column : first.columns()) {
                List<Term> total = terms(rule.total(), term -> template.indexOf(table.code(), term, column.code()));
                List<Term> parts = terms(rule.parts(), term -> template.indexOf(table.code(), term, column.code()));
                if (total != null && parts != null) {
                    String where = rule.equality() ? column.label() + "列" : rule.totalLabel() + "·" + column.label();
                    equations.add(new Equation(rule, total, parts, where,
                            joinCodes(rule.total()), column.code()));
                }
            }
        } else {
            for (RowDef row : table.rows()) {
                if (!rule.only().isEmpty() && !rule.only().contains(row.code())) {
                    continue;
                }
                List<Term> total = terms(rule.total(), term -> template.indexOf(table.code(), row.code(), term));
                List<Term> parts = terms(rule.parts(), term -> template.indexOf(table.code(), row.code(), term));
                if (total != null && parts != null) {
                    String where = row.ref() + "·" + rule.totalLabel();
                    equations.add(new Equation(rule, total, parts, where, row.code(), joinCodes(rule.total())));
                }
            }
        }
    }

    private static String joinCodes(List<RuleDef.Term> terms) {
        return String.join("+", terms.stream().map(RuleDef.Term::code).toList());
    }

    /** Null when a term's cell does not exist in this column or row: the rule does not apply there. */
    private static List<Term> terms(List<RuleDef.Term> defs, java.util.function.ToIntFunction<String> index) {
        List<Term> terms = new ArrayList<>();
        for (RuleDef.Term def : defs) {
            int cell = index.applyAsInt(def.code());
            if (cell < 0) {
                return null;
            }
            terms.add(new Term(cell, def.negative(), def.previousYear()));
        }
        return terms;
    }

    /**
     * Checks one report. Rules that compare with last year run only when {@code previous} is given.
     *
     * @param previous last year's values of the same unit, in last year's template, or null
     */
    public List<Finding> check(ReportValues values, ReportValues previous) {
        List<Finding> findings = new ArrayList<>();
        for (Equation equation : equations) {
            if (equation.needsPrevious && (previous == null || !equation.previousCellsExist(values, previous))) {
                continue; // last year's format lacks a cell this rule needs: nothing to compare with
            }
            BigDecimal actual = equation.sum(equation.total, values, previous);
            BigDecimal expected = equation.sum(equation.parts, values, previous);
            if (actual.compareTo(expected) != 0) {
                findings.add(equation.finding(template, expected, actual));
            }
        }
        if (previous != null) {
            for (RuleDef rule : wholeReportRules) {
                if (previous.template() == values.template() && previous.sameValues(values)) {
                    findings.add(Finding.about(rule.severity(), rule.code(),
                            "全部数据与上一年度报送的数据完全相同，请确认是否误报了上年数据"));
                }
            }
        }
        return findings;
    }

    /** The errors only, for totals that must pass every rule. */
    public List<Finding> errors(ReportValues values) {
        return check(values, null).stream().filter(Finding::isError).toList();
    }

    private record Term(int cell, boolean negative, boolean previousYear) {
    }

    private static final class Equation {
        private final RuleDef rule;
        private final List<Term> total;
        private final List<Term> parts;
        private final String where;
        private final String rowCode;
        private final String columnCode;
        private final boolean needsPrevious;

        Equation(RuleDef rule, List<Term> total, List<Term> parts, String where, String rowCode, String columnCode) {
            this.rule = rule;
            this.total = total;
            this.parts = parts;
            this.where = where;
            this.rowCode = rowCode;
            this.columnCode = columnCode;
            this.needsPrevious = total.stream().anyMatch(Term::previousYear)
                    || parts.stream().anyMatch(Term::previousYear);
        }

        boolean previousCellsExist(ReportValues values, ReportValues previous) {
            for (List<Term> side : List.of(total, parts)) {
                for (Term term : side) {
                    if (term.previousYear && previousIndex(term.cell, values, previous) < 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        BigDecimal sum(List<Term> terms, ReportValues values, ReportValues previous) {
            long whole = 0;
            BigDecimal decimal = null;
            for (Term term : terms) {
                ReportValues source = term.previousYear ? previous : values;
                int cell = term.previousYear ? previousIndex(term.cell, values, previous) : term.cell;
                if (source.isWhole(cell)) {
                    long value = source.whole(cell);
                    whole = term.negative ? Math.subtractExact(whole, value) : Math.addExact(whole, value);
                } else {
                    BigDecimal value = source.amount(cell);
                    decimal = decimal == null ? BigDecimal.ZERO : decimal;
                    decimal = term.negative ? decimal.subtract(value) : decimal.add(value);
                }
            }
            BigDecimal sum = BigDecimal.valueOf(whole);
            return decimal == null ? sum : sum.add(decimal);
        }

        /** Last year may use the other template: the same cell is found by its codes, not its index. */
        private static int previousIndex(int cell, ReportValues values, ReportValues previous) {
            if (previous.template() == values.template()) {
                return cell;
            }
            Cell here = values.template().cell(cell);
            return previous.template().indexOf(here.table().code(), here.row().code(), here.column().code());
        }

        Finding finding(ReportTemplate template, BigDecimal expected, BigDecimal actual) {
            TableDef table = template.table(rule.table());
            String message = rule.equality()
                    ? table.name() + " " + where + "：" + rule.partsLabel() + "为 " + ReportValues.plain(expected) + "，"
                            + rule.totalLabel() + "为 " + ReportValues.plain(actual) + "，两者应相等"
                    : table.name() + " " + where + "：应为 " + ReportValues.plain(expected) + "（" + rule.partsLabel()
                            + "），填报为 " + ReportValues.plain(actual);
            return new Finding(rule.severity(), rule.code(), table.code(), rowCode, columnCode, ReportValues.plain(expected),
                    ReportValues.plain(actual), message);
        }
    }
}

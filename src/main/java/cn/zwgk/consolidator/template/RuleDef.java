package cn.zwgk.consolidator.template;

import java.util.List;

import cn.zwgk.consolidator.common.Severity;

/**
 * A cross-check (勾稽关系) as the template file states it.
 *
 * <p>A {@code linear} rule holds when, for each column (or each row) of its table, the sum of the
 * {@code total} terms equals the sum of the {@code parts} terms. A term is a row code (for each
 * column) or a column code (for each row), optionally prefixed with {@code -} to subtract it and
 * {@code previous:} to take last year's value. An {@code identical-to-previous} rule compares every
 * cell with last year's. With {@code phrasing: equality} a finding states both sums instead of
 * calling one side the total of the other.
 */
public record RuleDef(
        String code,
        Severity severity,
        Kind kind,
        String table,
        ForEach forEach,
        List<String> only,
        List<Term> total,
        List<Term> parts,
        String totalLabel,
        String partsLabel,
        boolean equality) {

    public enum Kind { LINEAR, IDENTICAL_TO_PREVIOUS }

    public enum ForEach { COLUMN, ROW }

    /** One term of a linear rule. */
    public record Term(String code, boolean negative, boolean previousYear) {

        static Term parse(String text) {
            String rest = text.trim();
            boolean negative = rest.startsWith("-");
            if (negative) {
                rest = rest.substring(1);
            }
            boolean previous = rest.startsWith("previous:");
            if (previous) {
                rest = rest.substring("previous:".length());
            }
            return new Term(rest, negative, previous);
        }
    }
}

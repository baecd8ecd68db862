package cn.zwgk.consolidator.template;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The values of every cell of one report: a unit's submission or a total. Whole cells are longs,
 * amounts are BigDecimal; nothing here is ever a floating-point number.
 */
public final class ReportValues {

    private final ReportTemplate template;
    private final long[] whole;
    private final BigDecimal[] amounts;

    public ReportValues(ReportTemplate template) {
        this.template = template;
        this.whole = new long[template.cellCount()];
        this.amounts = new BigDecimal[template.cellCount()];
        for (Cell cell : template.cells()) {
            if (!cell.type().isWhole()) {
                amounts[cell.index()] = BigDecimal.ZERO;
            }
        }
    }

    public ReportTemplate template() {
        return template;
    }

    public boolean isWhole(int index) {
        return amounts[index] == null;
    }

    public long whole(int index) {
        return whole[index];
    }

    public BigDecimal amount(int index) {
        return amounts[index];
    }

    /** Any cell as a number, for rules and outputs that treat all cells alike. */
    public BigDecimal decimal(int index) {
        return isWhole(index) ? BigDecimal.valueOf(whole[index]) : amounts[index];
    }

    public void set(int index, BigDecimal value) {
        if (isWhole(index)) {
            whole[index] = value.longValueExact();
        } else {
            amounts[index] = value;
        }
    }

    public void setWhole(int index, long value) {
        whole[index] = value;
    }

    public void add(ReportValues other) {
        for (int i = 0; i < whole.length; i++) {
            if (amounts[i] == null) {
                whole[i] = Math.addExact(whole[i], other.whole[i]);
            } else {
                amounts[i] = amounts[i].add(other.amounts[i]);
            }
        }
    }

    public void add(int index, BigDecimal value) {
        if (isWhole(index)) {
            whole[index] = Math.addExact(whole[index], value.longValueExact());
        } else {
            amounts[index] = amounts[index].add(value);
        }
    }

    /** The value as the outputs write it: {@code 2620291}, {@code -72}, {@code 339371.821}. */
    public String plain(int index) {
        return isWhole(index) ? Long.toString(whole[index]) : plain(amounts[index]);
    }

    /** A number as the outputs write it: no exponent, no trailing zeros ({@code 339371.821}, {@code -72}). */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** Same cells, same values; 1.50 and 1.5 万元 are the same amount. */
    public boolean sameValues(ReportValues other) {
        if (!Arrays.equals(whole, other.whole)) {
            return false;
        }
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != null && amounts[i].compareTo(other.amounts[i]) != 0) {
                return false;
            }
        }
        return true;
    }
}

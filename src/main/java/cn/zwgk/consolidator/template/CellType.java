package cn.zwgk.consolidator.template;

import java.math.BigDecimal;

/** What a cell may hold, as the official format defines it. */
public enum CellType {
    /** A whole number of cases or items, never negative. */
    COUNT("count", true, BigDecimal.ZERO, new BigDecimal("999999999999")),
    /** 本年增/减: a whole number that may be negative. */
    CHANGE("change", true, new BigDecimal("-999999999999"), new BigDecimal("999999999999")),
    /** A sum of money in 万元, at most six decimals. */
    AMOUNT("amount", false, BigDecimal.ZERO, new BigDecimal("999999999999"));

    /** Decimals an amount may carry; more would be below 0.01 元. */
    public static final int AMOUNT_SCALE = 6;

    private final String code;
    private final boolean whole;
    private final BigDecimal min;
    private final BigDecimal max;

    CellType(String code, boolean whole, BigDecimal min, BigDecimal max) {
        this.code = code;
        this.whole = whole;
        this.min = min;
        this.max = max;
    }

    public String code() {
        return code;
    }

    public boolean isWhole() {
        return whole;
    }

    public BigDecimal min() {
        return min;
    }

    /** The largest value one unit may report; with 20,000 units a long total still cannot overflow. */
    public BigDecimal max() {
        return max;
    }

    public static CellType fromCode(String code) {
        for (CellType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown cell type '" + code + "'");
    }
}

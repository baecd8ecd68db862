package cn.zwgk.consolidator.submission;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import cn.zwgk.consolidator.template.CellType;

/**
 * Reads one cell value as people type it: spaces (also U+3000) around it, full-width digits, a
 * leading {@code +}, thousands separators in groups of three, {@code 万元} after an amount.
 */
public final class ValueParser {

    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern PLAIN = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    /** Longer than any value in range: refused before BigDecimal has to digest it. */
    private static final int MAX_DIGITS = 40;

    private ValueParser() {
    }

    /** A value, or the problem with it; {@code blank} says the cell was empty. */
    public record Result(BigDecimal value, FileProblem problem, String expected, boolean blank) {

        static Result ok(BigDecimal value) {
            return new Result(value, null, null, false);
        }

        static Result problem(FileProblem problem, String expected) {
            return new Result(null, problem, expected, false);
        }

        public boolean isOk() {
            return problem == null;
        }
    }

    public static Result parse(String raw, CellType type) {
        String text = normalise(raw);
        if (text.isEmpty()) {
            return new Result(null, FileProblem.EMPTY_VALUE, expectation(type), true);
        }
        if (!type.isWhole() && text.endsWith("万元")) {
            text = strip(text.substring(0, text.length() - 2));
        } else if (text.endsWith("元") || text.endsWith("万") || text.endsWith("亿元")) {
            return Result.problem(FileProblem.NOT_A_NUMBER, type.isWhole()
                    ? "不带单位的整数" : "以万元为单位的数字（如 339371.821 或 339371.821万元）");
        }
        if (GROUPED.matcher(text).matches()) {
            text = text.replace(",", "");
        }
        if (text.length() > MAX_DIGITS && PLAIN.matcher(text).matches()) {
            return Result.problem(FileProblem.OUT_OF_RANGE, range(type));
        }
        if (!PLAIN.matcher(text).matches()) {
            return Result.problem(FileProblem.NOT_A_NUMBER, expectation(type));
        }
        BigDecimal value = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        if (type.isWhole() && value.stripTrailingZeros().scale() > 0) {
            return Result.problem(FileProblem.NOT_WHOLE, expectation(type));
        }
        if (value.signum() < 0 && type.min().signum() >= 0) {
            return Result.problem(FileProblem.NEGATIVE, expectation(type));
        }
        if (value.compareTo(type.min()) < 0 || value.compareTo(type.max()) > 0) {
            return Result.problem(FileProblem.OUT_OF_RANGE, range(type));
        }
        if (type.isWhole()) {
            return Result.ok(value.setScale(0));
        }
        if (value.stripTrailingZeros().scale() > CellType.AMOUNT_SCALE) {
            return Result.problem(FileProblem.OUT_OF_RANGE, "最多" + CellType.AMOUNT_SCALE + "位小数的金额（万元）");
        }
        return Result.ok(value);
    }

    /** What a unit should have written, for messages. */
    public static String expectation(CellType type) {
        return switch (type) {
            case COUNT -> "不小于 0 的整数";
            case CHANGE -> "整数（减少时为负数，如 -72）";
            case AMOUNT -> "不小于 0 的金额（万元，最多" + CellType.AMOUNT_SCALE + "位小数）";
        };
    }

    private static String range(CellType type) {
        return type.min().toPlainString() + " 至 " + type.max().toPlainString() + " 之间的数";
    }

    /** Full-width forms to ASCII and surrounding spaces away, so that ２６５ means 265. */
    static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        if (isPrintableAscii(raw)) {
            return raw;
        }
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            char mapped = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c;
            if (mapped != c && out == null) {
                out = new StringBuilder(raw.substring(0, i));
            }
            if (out != null) {
                out.append(mapped);
            }
        }
        return strip(out == null ? raw : out.toString());
    }

    /** Nothing to trim or map: the common case, answered without looking up character classes. */
    private static boolean isPrintableAscii(String text) {
        int length = text.length();
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
}

package cn.zwgk.consolidator.template;

import java.util.Arrays;
import java.util.Locale;

/** How the official format lays a table out, as the template's {@code layout:} names it. */
public enum TableLayout {

    /** Each section (第二十条 item) with its own header row of columns. */
    SECTIONS,
    /** Rows down, the same columns across. */
    MATRIX,
    /** The rows side by side, as one line of numbers. */
    ACROSS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layout a template names, or null when it names none of them. */
    public static TableLayout fromCode(String code) {
        return Arrays.stream(values()).filter(layout -> layout.code().equals(code)).findFirst().orElse(null);
    }
}

package cn.zwgk.consolidator.common;

import java.util.regex.Pattern;

/** Text fields of CSV outputs, made safe for spreadsheets (docs/outputs.md). */
public final class SpreadsheetText {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private SpreadsheetText() {
    }

    /**
     * A spreadsheet runs a cell that starts with = + - @ tab or CR as a formula; a quote in front
     * makes it text. Plain numbers such as -72 are left as they are.
     */
    public static String neutralise(String field) {
        if (field == null || field.isEmpty()) {
            return field == null ? "" : field;
        }
        char first = field.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky && !PLAIN_NUMBER.matcher(field).matches() ? "'" + field : field;
    }

    /** The field as it was before {@link #neutralise}: the quote goes only where neutralise put it. */
    public static String restore(String field) {
        return field.startsWith("'") && !neutralise(field.substring(1)).equals(field.substring(1))
                ? field.substring(1) : field;
    }
}

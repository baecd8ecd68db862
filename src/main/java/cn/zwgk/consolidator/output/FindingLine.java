package cn.zwgk.consolidator.output;

/** One line of findings.csv; {@code explanation} is the unit's 说明 of a warning, null when none. */
public record FindingLine(String unit, String file, String severity, String rule, String table, String row,
        String column, String expected, String actual, String message, String explanation) {
}

package cn.zwgk.consolidator.output;

/** One line of findings.csv. */
public record FindingLine(String unit, String file, String severity, String rule, String table, String row,
        String column, String expected, String actual, String message) {
}

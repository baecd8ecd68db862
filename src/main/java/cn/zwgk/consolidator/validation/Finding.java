package cn.zwgk.consolidator.validation;

import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.Severity;

/**
 * Something a unit must know about its submission. Table, row and column are the template's codes
 * (null where the finding concerns the whole file); the message is for people, in Chinese.
 */
public record Finding(
        Severity severity,
        String rule,
        String table,
        String row,
        String column,
        String expected,
        String actual,
        String message) {

    public static Finding about(Severity severity, String rule, String message) {
        return new Finding(severity, rule, null, null, null, null, null, message);
    }

    public static Finding atCell(Severity severity, String rule, Cell cell, String expected, String actual,
            String message) {
        return new Finding(severity, rule, cell.table().code(), cell.row().code(), cell.column().code(), expected,
                actual, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}

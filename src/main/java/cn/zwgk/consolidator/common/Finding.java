package cn.zwgk.consolidator.common;


/**
 * Something a unit must know about its submission. Table, row and column are the template's codes
 * (null where the finding concerns the whole file); the message is for people, in Chinese.
 * Serializable because the portal's page after an upload carries findings in the session, which
 * lives in the database so that every instance of a cluster can show them.
 */
public record Finding(
        Severity severity,
        String rule,
        String table,
        String row,
        String column,
        String expected,
        String actual,
        String message) implements java.io.Serializable {

    public static Finding about(Severity severity, String rule, String message) {
        return new Finding(severity, rule, null, null, null, null, null, message);
    }


    public boolean isError() {
        return severity == Severity.ERROR;
    }
}

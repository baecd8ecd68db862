package cn.zwgk.consolidator.common;

/** An error keeps a submission out of the totals; a warning keeps it in and reports it. */
public enum Severity {
    ERROR("error"), WARNING("warning");

    private final String code;

    Severity(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Severity fromCode(String code) {
        for (Severity severity : values()) {
            if (severity.code.equals(code)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + code + "'");
    }
}

package cn.zwgk.consolidator.common;

/** A unit's standing in a run, as status.csv writes it. */
public enum SubmissionStatus {
    ACCEPTED("accepted", "已接收"), REJECTED("rejected", "被退回"), MISSING("missing", "未报送"),
    UNKNOWN("unknown", "无法识别");

    private final String code;
    private final String word;

    SubmissionStatus(String code, String word) {
        this.code = code;
        this.word = word;
    }

    public String code() {
        return code;
    }

    /** How people say it, on the console and in the reports. */
    public String word() {
        return word;
    }

    public static SubmissionStatus fromCode(String code) {
        for (SubmissionStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException(code);
    }
}

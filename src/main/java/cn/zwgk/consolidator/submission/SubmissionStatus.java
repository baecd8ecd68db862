package cn.zwgk.consolidator.submission;

/** A unit's standing in a run, as status.csv writes it. */
public enum SubmissionStatus {
    ACCEPTED("accepted"), REJECTED("rejected"), MISSING("missing"), UNKNOWN("unknown");

    private final String code;

    SubmissionStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
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

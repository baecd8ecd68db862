package cn.zwgk.consolidator.submission;

/** The structural finding codes of docs/rules.md: what can be wrong with a file before any rule runs. */
public enum FileProblem {
    UNREADABLE("unreadable"),
    HEADER("header"),
    MALFORMED_LINE("malformed-line"),
    UNKNOWN_CELL("unknown-cell"),
    DUPLICATE_CELL("duplicate-cell"),
    MISSING_CELL("missing-cell"),
    NOT_A_NUMBER("not-a-number"),
    NOT_WHOLE("not-whole"),
    NEGATIVE("negative"),
    OUT_OF_RANGE("out-of-range"),
    EMPTY_VALUE("empty-value");

    private final String code;

    FileProblem(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}

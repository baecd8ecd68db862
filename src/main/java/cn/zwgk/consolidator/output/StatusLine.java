package cn.zwgk.consolidator.output;

/** One line of status.csv. */
public record StatusLine(String code, String name, String group, String status, long errors, long warnings,
        String file, String sha256) {
}

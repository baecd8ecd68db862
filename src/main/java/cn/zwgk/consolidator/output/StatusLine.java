package cn.zwgk.consolidator.output;

import cn.zwgk.consolidator.common.SubmissionStatus;

/** One line of status.csv. */
public record StatusLine(String code, String name, String group, SubmissionStatus status, long errors, long warnings,
        String file, String sha256) {
}

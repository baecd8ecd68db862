package cn.zwgk.consolidator.submission;

import java.util.List;

import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.template.ReportValues;

/**
 * The outcome for one entry: its status, what was found, and the values that go into the totals
 * (null unless accepted).
 */
public record CheckedSubmission(
        SubmissionEntry entry,
        SubmissionStatus status,
        String sha256,
        Long size,
        List<Finding> findings,
        ReportValues values) {

    public long errors() {
        return findings.stream().filter(Finding::isError).count();
    }

    public long warnings() {
        return findings.size() - errors();
    }
}

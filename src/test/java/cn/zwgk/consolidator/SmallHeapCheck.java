package cn.zwgk.consolidator;

import java.nio.file.Path;
import java.util.Map;

import cn.zwgk.consolidator.job.InputFingerprint;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.registry.UnitRegistry;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.submission.SubmissionEntry;
import cn.zwgk.consolidator.submission.SubmissionFolder;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.validation.SubmissionCheck;

/**
 * Fingerprints a job's inputs and checks every entry of its folder, printing a line each: started
 * by {@link LargeFilesTest} in a JVM with a small heap, to show the reading is bounded.
 */
public final class SmallHeapCheck {

    private SmallHeapCheck() {
    }

    public static void main(String[] args) {
        JobDefinition job = JobDefinition.load(Path.of(args[0]), Map.of());
        ReportTemplate template = TemplateCatalog.load(job.template());
        System.out.println("fingerprint " + InputFingerprint.of(job, template));
        SubmissionCheck check = new SubmissionCheck(job.submissions(), template, false, job.maxFileSize());
        for (SubmissionEntry entry : SubmissionFolder.scan(job.submissions(), UnitRegistry.read(job.units()))) {
            CheckedSubmission checked = check.check(entry);
            System.out.println(entry.code() + " " + checked.status().name().toLowerCase() + " "
                    + (checked.findings().isEmpty() ? "" : checked.findings().get(0).rule() + " "
                            + checked.findings().get(0).message()));
        }
    }
}

package cn.zwgk.consolidator.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.zwgk.consolidator.common.Sha256;
import cn.zwgk.consolidator.output.OutputFolder;
import cn.zwgk.consolidator.registry.Unit;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.submission.SubmissionEntry;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.validation.SubmissionCheck;

/** The input fingerprint hands its hashes to the check step: only for files still as it read them. */
class FingerprintHashesTest {

    private static final Path SAMPLE = Path.of("input/bozhou-2020/submissions");
    private static final Instant HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS);

    @TempDir
    Path dir;

    private Path submissions;
    private JobDefinition job;
    private ReportTemplate template;

    @BeforeEach
    void sampleWithOldFiles() throws IOException {
        submissions = Files.createDirectories(dir.resolve("submissions"));
        try (var files = Files.list(SAMPLE)) {
            for (Path file : files.toList()) {
                Path copy = Files.copy(file, submissions.resolve(file.getFileName()));
                Files.setLastModifiedTime(copy, FileTime.from(HOUR_AGO));
            }
        }
        job = JobDefinition.load(Path.of("jobs/bozhou-2020.yml"), Map.of("submissions", submissions.toString(),
                "output", dir.resolve("output").toString()));
        template = TemplateCatalog.load(job.template());
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void everyHashHandedOverIsTheFilesSha256() throws IOException {
        InputFingerprint.Result inputs = InputFingerprint.compute(job, template);

        try (var files = Files.list(submissions)) {
            for (Path file : files.toList()) {
                assertThat(inputs.hashes().sha256(file.getFileName().toString(), attributes(file)))
                        .as(file.getFileName().toString()).isEqualTo(Sha256.hex(file));
            }
        }
        assertThat(inputs.fingerprint()).isEqualTo(InputFingerprint.of(job, template));
    }

    enum Change {
        /** rewritten in place: the time moves on */
        REWRITTEN_IN_PLACE,
        /** replaced by another file of the same size and time, as a copy keeping times would */
        REPLACED_KEEPING_SIZE_AND_TIME,
        /** the same content's size changed, the time set back to the old one */
        GROWN_WITH_OLD_TIME
    }

    @ParameterizedTest
    @EnumSource(Change.class)
    void aFileChangedBetweenFingerprintAndCheckIsHashedFromWhatTheCheckRead(Change change) throws IOException {
        Path file = submissions.resolve("qiaocheng.csv");
        InputFingerprint.Result inputs = InputFingerprint.compute(job, template);
        String before = Sha256.hex(file);

        String text = Files.readString(file);
        String changed = switch (change) {
            case REWRITTEN_IN_PLACE, REPLACED_KEEPING_SIZE_AND_TIME -> text.replaceFirst("(?m),0$", ",9");
            case GROWN_WITH_OLD_TIME -> text + "\n";
        };
        assertThat(changed).isNotEqualTo(text);
        switch (change) {
            case REWRITTEN_IN_PLACE -> Files.writeString(file, changed);
            case REPLACED_KEEPING_SIZE_AND_TIME -> {
                Path other = Files.writeString(dir.resolve("other.csv"), changed);
                Files.setLastModifiedTime(other, FileTime.from(HOUR_AGO));
                Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);
            }
            case GROWN_WITH_OLD_TIME -> {
                Files.writeString(file, changed);
                Files.setLastModifiedTime(file, FileTime.from(HOUR_AGO));
            }
        }

        CheckedSubmission checked = new SubmissionCheck(submissions, template, false, job.maxFileSize(), null,
                inputs.hashes()).check(new SubmissionEntry(0, new Unit("qiaocheng", "谯城区人民政府", "县区"),
                        "qiaocheng", "qiaocheng.csv"));

        assertThat(checked.sha256()).isEqualTo(Sha256.hex(file)).isNotEqualTo(before);
        assertThat(inputs.hashes().sha256("qiaocheng.csv", attributes(file))).isNull();
    }

    @Test
    void aFileModifiedJustBeforeTheFingerprintIsNotHandedOver() throws IOException {
        // it may change again within the clock's granularity and keep its time
        Path file = submissions.resolve("qiaocheng.csv");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));

        InputFingerprint.Result inputs = InputFingerprint.compute(job, template);

        assertThat(inputs.hashes().sha256("qiaocheng.csv", attributes(file))).isNull();
        assertThat(inputs.hashes().sha256("guoyang.csv", attributes(submissions.resolve("guoyang.csv"))))
                .isEqualTo(Sha256.hex(submissions.resolve("guoyang.csv")));
    }

    @Test
    void hashesTakenFromTheCacheOfAnEarlierRunAreHandedOverToo() throws Exception {
        Files.createDirectories(dir.resolve("output"));
        try (RunLock lock = RunLock.acquire(job.output(), job.name())) {
            InputFingerprint.compute(job, template);
            Path cache = OutputFolder.workFolderOf(job.output()).resolve(FingerprintCache.FILE);
            assertThat(cache).exists();

            InputFingerprint.Result again = InputFingerprint.compute(job, template);

            Path file = submissions.resolve("guoyang.csv");
            assertThat(again.hashes().sha256("guoyang.csv", attributes(file))).isEqualTo(Sha256.hex(file));
        }
    }
}

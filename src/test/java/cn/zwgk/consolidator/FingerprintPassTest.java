package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zwgk.consolidator.job.ExitCodes;
import cn.zwgk.consolidator.job.InputFingerprint;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;

/** The input fingerprint on its own thread while Spring starts: the same result, failures and no thread left. */
class FingerprintPassTest {

    @TempDir
    Path dir;

    private final ReportTemplate template = TemplateCatalog.load("gov-2019");

    private JobDefinition job(Path submissions) {
        return JobDefinition.load(Path.of("jobs/bozhou-2020.yml"),
                Map.of("submissions", submissions.toString(), "output", dir.resolve("output").toString()));
    }

    private static boolean passThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("input-fingerprint") && thread.isAlive());
    }

    @Test
    void thePassGivesTheFingerprintComputedWithoutIt() throws InterruptedException {
        JobDefinition job = job(Path.of("input/bozhou-2020/submissions").toAbsolutePath());
        try (FingerprintPass pass = FingerprintPass.start(job, template)) {
            assertThat(pass.result().fingerprint()).isEqualTo(InputFingerprint.of(job, template));
        }
    }

    @Test
    void aFailureOfTheFingerprintIsThrownAsWithoutTheThread() {
        JobDefinition job = job(dir.resolve("gone"));
        assertThatThrownBy(() -> InputFingerprint.of(job, template)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class);

        try (FingerprintPass pass = FingerprintPass.start(job, template)) {
            assertThatThrownBy(pass::result).isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void whenSpringFailsAfterTheFingerprintFailedTheFingerprintsFailureIsReported() {
        JobDefinition job = job(dir.resolve("gone"));
        try (FingerprintPass pass = FingerprintPass.start(job, template)) {
            assertThatThrownBy(pass::result).isInstanceOf(UncheckedIOException.class);

            assertThatThrownBy(() -> {
                throw pass.failureOr(new IllegalStateException("Spring did not start"));
            }).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void closingStopsThePassAndWaitsForItsThread() throws IOException {
        Path submissions = Files.createDirectories(dir.resolve("many"));
        byte[] content = new byte[16 * 1024];
        for (int i = 0; i < 500; i++) {
            Files.write(submissions.resolve("unit-" + i + ".csv"), content);
        }
        FingerprintPass pass = FingerprintPass.start(job(submissions), template);

        pass.close();

        assertThat(passThreadAlive()).isFalse();
    }

    @Test
    void aFirstRunWhoseSpringDoesNotStartLeavesNoThreadAndSaysSoInOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ConsolidatorApplication.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--job=jobs/bozhou-2020.yml",
                "--output=" + dir.resolve("output"), "--logging.file.name=" + dir.resolve("log/consolidator.log"),
                "--spring.datasource.url=jdbc:h2:file:/proc/no-such-folder/consolidator");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("运行失败 (failure)").doesNotContain("\n");
        assertThat(passThreadAlive()).isFalse();
    }
}

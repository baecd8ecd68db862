package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/exit-codes.md: usage and configuration errors give 2 and one line, other failures 1. */
class ExitStatusTest {

    @TempDir
    Path dir;

    private final JobRunner runner = new JobRunner();

    private static void assertOneLineReason(JobRunner.Run run, String reason) {
        assertThat(run.err()).contains(reason).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(run.err().lines().count()).isLessThanOrEqualTo(2);
    }

    @Test
    void aMissingJobFileIsAConfigurationError() {
        JobRunner.Run run = runner.run("--job=jobs/no-such-job.yml");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertOneLineReason(run, "任务文件 jobs/no-such-job.yml 不存在");
    }

    @Test
    void noJobAtAllIsAUsageError() {
        JobRunner.Run run = runner.run();

        assertThat(run.exitStatus()).isEqualTo(2);
        assertOneLineReason(run, "缺少 --job");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--yaer=2020");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertOneLineReason(run, "未知选项 --yaer");
    }

    @Test
    void anUnknownTemplateIsAConfigurationError() {
        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--template=gov-2018");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertOneLineReason(run, "未知的报表模板 “gov-2018”");
    }

    @Test
    void aBadRegistryStopsTheRunBeforeAnySubmissionIsRead() throws IOException {
        Path units = dir.resolve("units.csv");
        Files.writeString(units, "code,name,group\nqiaocheng,谯城区,县区\nqiaocheng,又一个谯城区,县区\n",
                StandardCharsets.UTF_8);

        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--units=" + units,
                "--output=" + dir.resolve("out"));

        assertThat(run.exitStatus()).isEqualTo(2);
        assertOneLineReason(run, "单位代码“qiaocheng”重复");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingSubmissionsFolderIsAConfigurationError() {
        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--submissions=" + dir.resolve("nothing"));

        assertThat(run.exitStatus()).isEqualTo(2);
        assertOneLineReason(run, "报送文件夹");
    }

    @Test
    void anOutputUnderAFileIsAConfigurationError() throws IOException {
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the output folder's parent should be");

        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--output=" + blocked.resolve("out"));

        assertThat(run.exitStatus()).isEqualTo(2);
        assertOneLineReason(run, "的上级 " + blocked + " 是一个文件");
    }

    @Test
    void aRunThatFailsWhilePublishingIsAFailureAndPublishesNothing() throws IOException {
        // one unit more than a chunk, so that progress is printed while the run checks
        Path job = LargeInput.write(dir.resolve("input"), 1001);
        Path output = dir.resolve("input/output");
        // while the run checks its submissions, someone makes a folder of their own where the output goes
        OutputStream console = new OutputStream() {
            private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
            private boolean done;

            @Override
            public void write(int b) throws IOException {
                seen.write(b);
                if (!done && seen.toString(StandardCharsets.UTF_8).contains("进度")) {
                    done = true;
                    Files.createDirectories(output);
                    Files.writeString(output.resolve("预算.xlsx"), "mine");
                }
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ConsolidatorApplication.run(new PrintStream(console, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--job=" + job,
                "--spring.datasource.url=" + runner.databaseUrl);

        assertThat(status).isEqualTo(1);
        try (Stream<Path> left = Files.list(output)) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("预算.xlsx");
        }
        assertThat(Files.readString(output.resolve("预算.xlsx"))).isEqualTo("mine");
        assertThat(runner.query("SELECT STATUS FROM BATCH_JOB_EXECUTION")).extracting(r -> r.get("status"))
                .containsExactly("FAILED");
        assertThat(runner.query("SELECT outcome FROM consolidation_run")).extracting(r -> r.get("outcome"))
                .containsOnlyNulls();
    }

    @Test
    void helpIsNotAnError() {
        JobRunner.Run run = runner.run("--help");

        assertThat(run.exitStatus()).isZero();
        assertThat(run.out()).contains("--job=jobs/X.yml").contains("退出状态");
    }
}

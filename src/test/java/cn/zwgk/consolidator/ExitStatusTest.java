package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC section 6: usage and configuration errors give 2 and one line, other failures 1. */
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
    void anOutputFolderThatCannotBeCreatedIsAFailure() throws IOException {
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the output folder's parent should be");

        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--output=" + blocked.resolve("out"));

        assertThat(run.exitStatus()).isEqualTo(1);
        assertOneLineReason(run, "运行失败");
    }

    @Test
    void aRunThatFailsWhilePublishingIsAFailureAndPublishesNothing() throws IOException {
        // the lock file's name fits the file system, the staging folder's name is too long for it
        Path output = dir.resolve("o".repeat(245));

        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--output=" + output);

        assertThat(run.exitStatus()).isEqualTo(1);
        assertThat(run.out()).contains("汇总失败").contains("退出状态 1");
        assertThat(output).doesNotExist();
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

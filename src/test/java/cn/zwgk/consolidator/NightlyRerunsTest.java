package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.zwgk.consolidator.job.RunLock;
import cn.zwgk.consolidator.output.OutputFolder;

/** docs/exit-codes.md, nightly reruns: unchanged inputs do no work, changed ones are consolidated afresh. */
class NightlyRerunsTest {

    @TempDir
    Path dir;

    private final JobRunner runner = new JobRunner();
    private Path submissions;
    private String[] job;

    @BeforeEach
    void copyTheSample() throws IOException {
        submissions = dir.resolve("submissions");
        Files.createDirectories(submissions);
        try (Stream<Path> files = Files.list(Path.of("input/sample-2020-problems/submissions"))) {
            for (Path file : files.toList()) {
                Files.copy(file, submissions.resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of("input/sample-2020-problems/units.csv"), dir.resolve("units.csv"));
        job = new String[] {"--job=jobs/sample-2020-problems.yml", "--units=" + dir.resolve("units.csv"),
                "--submissions=" + submissions, "--output=" + dir.resolve("output")};
    }

    private JobRunner.Run run(String... more) {
        return runner.run(Stream.concat(Stream.of(job), Stream.of(more)).toArray(String[]::new));
    }

    private long runs() {
        return (Long) runner.query("SELECT COUNT(*) AS n FROM consolidation_run").get(0).get("n");
    }

    @Test
    void aRerunWithUnchangedInputsDoesNoWorkAndExitsWithThatRunsStatus() throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        byte[] status = Files.readAllBytes(dir.resolve("output/status.csv"));

        JobRunner.Run again = run();

        assertThat(again.exitStatus()).isEqualTo(3);
        assertThat(again.out().strip()).matches("已是最新 \\(up to date since run \\d+ at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\)"
                + "：输入没有变化，未重新汇总；退出状态 3");
        assertThat(runs()).isEqualTo(1);
        assertThat(runner.query("SELECT COUNT(*) AS n FROM BATCH_JOB_EXECUTION").get(0).get("n")).isEqualTo(1L);
        assertThat(Files.readAllBytes(dir.resolve("output/status.csv"))).isEqualTo(status);
    }

    @Test
    void theSameFoldersSeenUnderAnotherPathAreTheSameInputs() throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        // another machine of a cluster mounts the shared folder elsewhere
        Path mount = Files.createSymbolicLink(dir.resolveSibling(dir.getFileName() + "-mount"), dir);
        try {
            JobRunner.Run elsewhere = runner.run("--job=jobs/sample-2020-problems.yml",
                    "--units=" + mount.resolve("units.csv"), "--submissions=" + mount.resolve("submissions"),
                    "--output=" + mount.resolve("output"));

            assertThat(elsewhere.exitStatus()).isEqualTo(3);
            assertThat(elsewhere.out()).startsWith("已是最新");
            assertThat(runs()).isEqualTo(1);
        } finally {
            Files.delete(mount);
        }
    }

    @Test
    void unchangedInputsWhoseOutputsWereDeletedAreConsolidatedAgain() throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        try (Stream<Path> files = Files.list(dir.resolve("output"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }

        JobRunner.Run again = run();

        assertThat(again.exitStatus()).isEqualTo(3);
        assertThat(again.out()).contains("重新汇总").contains("汇总完成");
        assertThat(dir.resolve("output/status.csv")).exists();
        assertThat(run().out()).contains("已是最新");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status.csv deleted", "consolidated.csv emptied", "report.html changed", "a file added"})
    void damagedOutputsAreNotUpToDateAndAreWrittenAgain(String damage) throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        Path output = dir.resolve("output");
        byte[] consolidated = Files.readAllBytes(output.resolve("consolidated.csv"));
        switch (damage) {
            case "status.csv deleted" -> Files.delete(output.resolve("status.csv"));
            case "consolidated.csv emptied" -> Files.write(output.resolve("consolidated.csv"), new byte[0]);
            case "report.html changed" -> Files.writeString(output.resolve("report.html"), "<p>edited</p>",
                    StandardOpenOption.APPEND);
            default -> Files.writeString(output.resolve("notes.txt"), "mine");
        }

        JobRunner.Run again = run();

        assertThat(again.out()).doesNotContain("已是最新").contains("重新汇总").contains("汇总完成");
        assertThat(again.exitStatus()).isEqualTo(3);
        assertThat(output.resolve("status.csv")).isRegularFile();
        assertThat(Files.readAllBytes(output.resolve("consolidated.csv"))).isEqualTo(consolidated);
        assertThat(run().out()).contains("已是最新");
    }

    @Test
    void leftoversOfInterruptedRunsAreCleanedByTheNextRun() throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        Path work = dir.resolve(".output.consolidator");
        Files.createDirectories(work.resolve("writing-7/groups"));
        Files.writeString(work.resolve("writing-7/status.csv"), "half written");
        Files.createDirectories(work.resolve("parts-1"));
        Files.writeString(work.resolve("parts-1/0000000000.part"), "of a finished run");

        assertThat(run().out()).contains("已是最新");

        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder(OutputFolder.MARKER, "lock", OutputFolder.FINGERPRINTS,
                            OutputFolder.OUTPUT_RECORD, "run-1");
        }
    }

    @Test
    void itemsOfTheUserNamedLikeTheWorkingNamesOfEarlierVersionsAreNeverTouched() throws IOException {
        for (String name : List.of(".output.previous", ".output.writing-1", ".output.writing-2", ".output.parts-1")) {
            Files.createDirectories(dir.resolve(name));
            Files.writeString(dir.resolve(name).resolve("合同.docx"), "mine");
        }
        Files.writeString(dir.resolve(".output.lock"), "mine");
        Map<String, String> before = FolderChecksum.of(dir, NightlyRerunsTest::outputsOfTheRun);

        assertThat(run().exitStatus()).isEqualTo(3);
        assertThat(run("--force").exitStatus()).isEqualTo(3);
        assertThat(run().out()).contains("已是最新");

        assertThat(FolderChecksum.of(dir, NightlyRerunsTest::outputsOfTheRun)).isEqualTo(before);
    }

    /** The run's own output link and working folder, left out of the comparison. */
    private static boolean outputsOfTheRun(Path relative) {
        return relative.toString().equals("output") || relative.toString().equals(".output.consolidator");
    }

    /** A run on an H2 file of its own in {@code folder}: whether the file exists afterwards tells whether Spring started. */
    private JobRunner.Run runOnDatabaseIn(Path folder, String... more) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.concat(Stream.of(job), Stream.of(more)),
                Stream.of("--spring.datasource.url=jdbc:h2:file:" + folder.resolve("c").toAbsolutePath()))
                .toArray(String[]::new);
        int status = ConsolidatorApplication.run(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new JobRunner.Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnchangedRerunIsAnsweredFromRunYmlWithoutStartingSpringOrOpeningTheDatabase() throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        Path database = dir.resolve("never-opened");

        JobRunner.Run again = runOnDatabaseIn(database);

        assertThat(again.exitStatus()).isEqualTo(3);
        assertThat(again.out().strip()).matches("已是最新 \\(up to date since run 1 at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\)"
                + "：输入没有变化，未重新汇总；退出状态 3");
        assertThat(database).doesNotExist();
    }

    @Test
    void theAnswerFromRunYmlIsTheLineTheDatabaseGives() throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        Path work = dir.resolve(".output.consolidator");
        Files.writeString(work.resolve(OutputFolder.UNDER_WAY), "");
        String fromTheDatabase = run().out();

        String fromRunYml = run().out();

        assertThat(fromTheDatabase).contains("已是最新");
        assertThat(fromRunYml).isEqualTo(fromTheDatabase);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {OutputFolder.UNDER_WAY, OutputFolder.EXPLANATIONS_CHANGED})
    void aRunLeftUnderWayOrA说明StoredSinceGoesThroughTheDatabase(String note) throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        Path work = dir.resolve(".output.consolidator");
        Files.writeString(work.resolve(note), "");
        Path database = dir.resolve("opened");

        JobRunner.Run again = runOnDatabaseIn(database);

        assertThat(again.exitStatus()).isEqualTo(3);
        assertThat(database).isDirectory();
        assertThat(work.resolve(note)).as("settled by the run").doesNotExist();
    }

    @Test
    void aForcedRunStartsSpringEvenWhenRunYmlSaysUpToDate() {
        assertThat(run().exitStatus()).isEqualTo(3);
        Path database = dir.resolve("opened");

        JobRunner.Run forced = runOnDatabaseIn(database, "--force");

        assertThat(forced.out()).contains("汇总完成");
        assertThat(database).isDirectory();
    }

    @Test
    void aChangedOutputFileIsNotAnsweredFromRunYml() throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        Files.writeString(dir.resolve("output/findings.csv"), "edited", StandardOpenOption.APPEND);
        Path database = dir.resolve("opened");

        JobRunner.Run again = runOnDatabaseIn(database);

        assertThat(again.out()).doesNotContain("已是最新").contains("汇总完成");
        assertThat(database).isDirectory();
    }

    @Test
    void aSubmissionEditedToTheSameSizeIsSeenDespiteTheFingerprintCache() throws IOException {
        java.time.Instant hourAgo = java.time.Instant.now().minus(1, java.time.temporal.ChronoUnit.HOURS);
        List<Path> files;
        try (Stream<Path> listed = Files.list(submissions)) {
            files = listed.sorted().toList();
        }
        for (Path file : files) {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(hourAgo));
        }
        assertThat(run().exitStatus()).isEqualTo(3);
        assertThat(run().out()).as("hashes from the cache, same fingerprint").contains("已是最新");
        Path edited = files.stream().filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
        byte[] content = Files.readAllBytes(edited);
        for (int i = content.length - 1; i >= 0; i--) {
            if (content[i] >= '0' && content[i] <= '8') {
                content[i]++;
                break;
            }
        }
        Files.write(edited, content);
        Files.setLastModifiedTime(edited, java.nio.file.attribute.FileTime.from(hourAgo.plusSeconds(1)));

        JobRunner.Run again = run();

        assertThat(again.out()).doesNotContain("已是最新").contains("汇总完成");
    }

    @Test
    void forceConsolidatesAgain() {
        assertThat(run().exitStatus()).isEqualTo(3);

        JobRunner.Run forced = run("--force");

        assertThat(forced.exitStatus()).isEqualTo(3);
        assertThat(forced.out()).contains("汇总完成");
        assertThat(runs()).isEqualTo(2);
    }

    @Test
    void aChangedAddedOrRemovedSubmissionIsConsolidatedAfresh() throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);

        // the county fixes its file: the three applications it left out of row 1
        Path guoyang = submissions.resolve("guoyang.csv");
        String fixed = Files.readString(guoyang).replace("3,1,natural,24", "3,1,natural,27")
                .replace("3,1,total,26", "3,1,total,29");
        assertThat(fixed).isNotEqualTo(Files.readString(guoyang));
        Files.writeString(guoyang, fixed, StandardCharsets.UTF_8);
        JobRunner.Run changed = run();
        assertThat(changed.out()).contains("接收 4，退回 1，未报送 1，无法识别 1");

        // 蒙城县 renames its file to its code
        Files.move(submissions.resolve("蒙城县2020年报.csv"), submissions.resolve("mengcheng.csv"));
        JobRunner.Run renamed = run();
        assertThat(renamed.out()).contains("接收 5，退回 1，未报送 0，无法识别 0");

        Files.delete(submissions.resolve("lixin.csv"));
        JobRunner.Run removed = run();
        assertThat(removed.out()).contains("接收 4，退回 1，未报送 1，无法识别 0");
        assertThat(runs()).isEqualTo(4);
    }

    @Test
    void aChangedRegistryIsConsolidatedAfresh() throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        List<String> units = Files.readAllLines(dir.resolve("units.csv"));
        Files.write(dir.resolve("units.csv"), units.stream().filter(l -> !l.startsWith("mengcheng,")).toList());

        assertThat(run().out()).contains("接收 3，退回 2，未报送 0，无法识别 1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "--force", "--schedule=* * * * * *"})
    void aRegistryBrokenAfterARunIsAConfigurationErrorThatChangesNothing(String option) throws IOException {
        assertThat(run().exitStatus()).isEqualTo(3);
        byte[] status = Files.readAllBytes(dir.resolve("output/status.csv"));
        Files.writeString(dir.resolve("units.csv"), "no code!,名称,组\n", StandardOpenOption.APPEND);

        JobRunner.Run broken = option.isEmpty() ? run()
                : option.startsWith("--schedule") ? run(option, "--ticks=1") : run(option);

        assertThat(broken.exitStatus()).isEqualTo(2);
        assertThat(broken.err().strip()).startsWith("配置错误 (configuration error): 单位名录 ").doesNotContain("\n");
        assertThat(broken.out()).doesNotContain("汇总完成");
        assertThat(runs()).isEqualTo(1);
        assertThat(Files.readAllBytes(dir.resolve("output/status.csv"))).isEqualTo(status);
    }

    @Test
    void aSecondRunWhileOneHoldsTheJobExitsFour() throws Exception {
        try (RunLock held = RunLock.acquire(dir.resolve("output"), "sample-2020-problems")) {
            JobRunner.Run second = run();

            assertThat(second.exitStatus()).isEqualTo(4);
            assertThat(second.err().strip()).startsWith("任务 sample-2020-problems 正在运行（进程 "
                    + ProcessHandle.current().pid() + "，开始于 ");
        }
        assertThat(run().exitStatus()).as("the lock is released with its holder").isEqualTo(3);
    }

    @Test
    void theScheduleRunsTheJobAtEachTick() {
        JobRunner.Run scheduled = run("--schedule=* * * * * *", "--ticks=2");

        assertThat(scheduled.exitStatus()).isEqualTo(3);
        assertThat(scheduled.out()).contains("按计划运行 (schedule “* * * * * *”)");
        assertThat(scheduled.out().split("定时运行 ==", -1)).hasSize(3);
        assertThat(scheduled.out()).contains("汇总完成").contains("已是最新 (up to date since run");
    }

    @Test
    void aTickThatFindsARunInProgressIsSkipped() throws Exception {
        try (RunLock held = RunLock.acquire(dir.resolve("output"), "sample-2020-problems")) {
            JobRunner.Run scheduled = run("--schedule=* * * * * *", "--ticks=1");

            assertThat(scheduled.out()).contains("本次跳过 (tick skipped)：任务 sample-2020-problems 正在运行");
            assertThat(scheduled.exitStatus()).isEqualTo(4);
        }
    }

    @Test
    void aBrokenScheduleIsAConfigurationError() {
        JobRunner.Run run = run("--schedule=every night");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err()).contains("不是有效的 cron 表达式");
    }

    @Test
    void aFiveFieldCrontabLineIsAccepted() {
        assertThat(cn.zwgk.consolidator.job.Schedule.parse("30 2 * * *")
                .next(java.time.LocalDateTime.of(2026, 12, 1, 0, 0)))
                .isEqualTo(java.time.LocalDateTime.of(2026, 12, 1, 2, 30));
    }
}

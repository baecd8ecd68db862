package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9: every configuration mistake is found before work starts and ends with exit status 2
 * and one line naming the key, never a stack trace.
 */
class ConfigurationErrorsTest {

    private static final String GOOD = """
            name: x
            year: 2020
            template: gov-2019
            units: input/bozhou-2020/units.csv
            submissions: input/bozhou-2020/submissions
            """;

    @TempDir
    Path dir;

    private final JobRunner runner = new JobRunner();

    private Path job(String yaml) throws IOException {
        Path file = dir.resolve("job.yml");
        Files.writeString(file, yaml + "output: " + dir.resolve("out") + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private JobRunner.Run runJob(String yaml, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--job=" + job(yaml)));
        args.addAll(List.of(options));
        return runner.run(args.toArray(String[]::new));
    }

    private void assertRefusedInOneLine(JobRunner.Run run, String... named) {
        assertThat(run.exitStatus()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains(named).doesNotContain("Exception").doesNotContain("at ");
        assertThat(run.out()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    static Stream<Arguments> badJobFiles() {
        return Stream.of(
                Arguments.of("max-file-size: 99999999999999999999MiB\n", "max-file-size", "99999999999999999999MiB"),
                Arguments.of("max-file-size: 9999999999999MiB\n", "max-file-size", "9999999999999MiB"),
                Arguments.of("max-file-size: 0\n", "max-file-size", "“0”"),
                Arguments.of("max-file-size: -5MiB\n", "max-file-size", "-5MiB"),
                Arguments.of("max-file-size: 500MiB\n", "max-file-size", "100MiB"),
                Arguments.of("max-file-size: five\n", "max-file-size", "five"),
                Arguments.of("year: 1999\n", "year", "1999"),
                Arguments.of("blank-as-zero: maybe\n", "blank-as-zero", "maybe"),
                Arguments.of("schedule: \"0 0 0 30 2 *\"\n", "schedule", "永远不会"),
                Arguments.of("schedule: \"every night\"\n", "schedule", "cron"),
                Arguments.of("deadline: 2021-02-30\n", "deadline", "2021-02-30"),
                Arguments.of("organisation: " + "市".repeat(101) + "\n", "organisation", "100"),
                Arguments.of("previous: [a, b]\n", "previous", "列表"),
                Arguments.of("blank-as-zero: {a: b}\n", "blank-as-zero", "映射"),
                Arguments.of("yaer: 2021\n", "yaer", "未知的设置项"),
                Arguments.of("template: \"templates/a\\0b.yml\"\n", "template", "\\u0000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJobFiles")
    void aBadValueInTheJobFileIsRefusedInOneLine(String line, String key, String said) throws IOException {
        String key0 = line.substring(0, line.indexOf(':') + 1);
        String others = String.join("\n", GOOD.lines().filter(l -> !l.startsWith(key0)).toList()) + "\n";
        assertRefusedInOneLine(runJob(others + line), key, said);
    }

    @Test
    void aKeyGivenTwiceInTheJobFileIsRefused() throws IOException {
        assertRefusedInOneLine(runJob(GOOD + "year: 2021\n"), "year", "重复");
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("--max-file-size=99999999999999999999MiB", "--max-file-size"),
                Arguments.of("--max-file-size=0", "--max-file-size"),
                Arguments.of("--year=twenty", "--year"),
                Arguments.of("--deadline=tomorrow", "--deadline"),
                Arguments.of("--schedule=0 0 0 30 2 *", "--schedule"),
                Arguments.of("--ticks=0", "--ticks"),
                Arguments.of("--ticks=many", "--ticks"),
                Arguments.of("--job=other.yml", "--job"),
                Arguments.of("--output=a\u0000b", "--output"),
                Arguments.of("--units=", "--units"),
                Arguments.of("--yaer=2020", "--yaer"),
                Arguments.of("--force=yes", "--force 不带值"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void aBadOptionIsRefusedInOneLine(String option, String key) throws IOException {
        assertRefusedInOneLine(runJob(GOOD, option), key);
    }

    static Stream<Arguments> pathsOfTheWrongKind() {
        return Stream.of(
                Arguments.of("--units=input/bozhou-2020", "units", "是文件夹"),
                Arguments.of("--units=input/bozhou-2020/no-such-units.csv", "units", "不存在"),
                Arguments.of("--submissions=input/bozhou-2020/units.csv", "submissions", "不是文件夹"),
                Arguments.of("--submissions=input/no-such-folder", "submissions", "不存在"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathsOfTheWrongKind")
    void aPathThatIsMissingOrOfTheWrongKindIsRefused(String option, String key, String said) throws IOException {
        assertRefusedInOneLine(runJob(GOOD, option), key, said);
    }

    @Test
    void ticksWithoutAScheduleAreRefused() throws IOException {
        assertRefusedInOneLine(runJob(GOOD, "--ticks=2"), "--ticks", "schedule");
    }

    @Test
    void aJobFileNameThatIsNoPathIsRefused() {
        JobRunner.Run run = runner.run("--job=jobs/a\u0000.yml");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--job").contains("\\u0000").doesNotContain("Exception");
    }

    @Test
    void aFolderGivenAsTheJobFileIsRefused() {
        JobRunner.Run run = runner.run("--job=" + dir);

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err()).contains("不是文件");
    }

    @Test
    void anOversizedJobFileIsRefusedUnread() throws IOException {
        Path file = dir.resolve("huge.yml");
        Files.writeString(file, GOOD + "#" + "x".repeat(1024 * 1024) + "\n", StandardCharsets.UTF_8);

        JobRunner.Run run = runner.run("--job=" + file);

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("超过 1 MiB");
    }

    @Test
    void anUnwritableLogLocationIsRefusedInOneLine() throws IOException {
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the log folder should be");

        JobRunner.Run run = runJob(GOOD, "--logging.file.name=" + blocked.resolve("consolidator.log"));

        assertRefusedInOneLine(run, "日志文件", "blocked");
    }

    @Test
    void aBrokenCustomTemplateStopsTheJobBeforeAnySubmissionIsRead() throws IOException {
        Path template = dir.resolve("custom.yml");
        Files.writeString(template, Files.readString(Path.of("src/main/resources/templates/gov-2019.yml"),
                StandardCharsets.UTF_8).replace("layout: across", "layout: accross"), StandardCharsets.UTF_8);

        assertRefusedInOneLine(runJob(GOOD, "--template=" + template), "模板文件", "accross");
    }

    @Test
    void springsOwnOptionsPassThrough() throws IOException {
        JobRunner.Run run = runJob(GOOD, "--spring.main.banner-mode=off", "--logging.level.root=WARN");

        assertThat(run.exitStatus()).as(run.err()).isZero();
    }

    @Test
    void aFailureShowsOneLineOnTheConsoleAndItsStackTraceInTheLog() throws IOException {
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the database's folder should be");
        Path log = dir.resolve("logs/consolidator.log");

        JobRunner.Run run = runJob(GOOD, "--spring.datasource.url=jdbc:h2:file:" + blocked.resolve("db/consolidator"),
                "--logging.file.name=" + log);

        assertThat(run.exitStatus()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err() + run.out()).doesNotContain("\tat ");
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("\tat ");
    }
}

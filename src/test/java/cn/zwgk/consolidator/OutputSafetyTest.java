package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/outputs.md: {@code output} may name only a missing folder, an empty one, or a previous
 * output of this program. Anything else is refused with exit status 2 and one line, before
 * anything is read or written: every file, here and in the working folder, is as it was.
 */
class OutputSafetyTest {

    @TempDir
    Path dir;

    private Path job;
    private Path jobWithoutLastYear;
    private String database;

    /** A working folder as an office has it: job, registry, submissions, template, last year, database, documents. */
    @BeforeEach
    void anOfficesFolder() throws IOException {
        Path submissions = dir.resolve("input/submissions");
        Files.createDirectories(submissions);
        try (Stream<Path> files = Files.list(Path.of("input/sample-2020-problems/submissions"))) {
            for (Path file : files.toList()) {
                Files.copy(file, submissions.resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of("input/sample-2020-problems/units.csv"), dir.resolve("input/units.csv"));
        Files.createDirectories(dir.resolve("templates"));
        Files.copy(Path.of("src/main/resources/templates/gov-2019.yml"), dir.resolve("templates/gov-2019.yml"));
        Path lastYear = dir.resolve("last-year");
        Files.createDirectories(lastYear.resolve("groups"));
        Files.writeString(lastYear.resolve("run.yml"), "name: x\nyear: 2019\ntemplate: gov-2019\nrun: 1\n");
        Files.writeString(lastYear.resolve("consolidated.csv"), "table,row,column,value\n");
        Files.writeString(lastYear.resolve("accepted-values.csv"), "unit\n");
        Files.writeString(lastYear.resolve("groups/县区.csv"), "table,row,column,value\n");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/consolidator.mv.db"), "the run history");
        database = "jdbc:h2:file:" + dir.resolve("data/consolidator") + ";AUTO_SERVER=TRUE";
        Files.createDirectories(dir.resolve("documents"));
        Files.writeString(dir.resolve("documents/2020年报告.docx"), "a report");
        Files.writeString(dir.resolve("预算.xlsx"), "a spreadsheet");
        Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("input/submissions"));
        Files.createSymbolicLink(dir.resolve("my-link"), dir.resolve("documents"));
        Files.createDirectories(dir.resolve(".taken.consolidator"));
        Files.writeString(dir.resolve(".taken.consolidator/照片.jpg"), "a photo");
        job = dir.resolve("jobs/job.yml");
        Files.createDirectories(job.getParent());
        Files.writeString(job, "name: safety\nyear: 2020\ntemplate: " + dir.resolve("templates/gov-2019.yml")
                + "\nunits: " + dir.resolve("input/units.csv") + "\nsubmissions: " + submissions
                + "\noutput: " + dir.resolve("output") + "\nprevious: " + lastYear + "\n", StandardCharsets.UTF_8);
        jobWithoutLastYear = dir.resolve("jobs/no-last-year.yml");
        Files.writeString(jobWithoutLastYear, Files.readString(job).replaceAll("previous: .*\n", ""));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("{dir}/input/submissions", "就是报送文件夹"),
                Arguments.of("{dir}/input", "包含报送文件夹"),
                Arguments.of("{dir}/input/submissions/out", "位于报送文件夹"),
                Arguments.of("{dir}/input/units.csv", "就是单位名录"),
                Arguments.of("{dir}/jobs/job.yml", "就是任务文件"),
                Arguments.of("{dir}/jobs", "包含任务文件"),
                Arguments.of("{dir}/templates/gov-2019.yml", "就是报表模板文件"),
                Arguments.of("{dir}/last-year", "就是上一年度的输出文件夹"),
                Arguments.of("{dir}/last-year/groups", "位于上一年度的输出文件夹"),
                Arguments.of("{dir}/data", "就是程序的数据文件夹"),
                Arguments.of("{dir}/data/out", "位于程序的数据文件夹"),
                Arguments.of("data", "就是程序的数据文件夹"), // the log's folder, by default ./data
                Arguments.of("{dir}/预算.xlsx", "是一个已有的文件"),
                Arguments.of("{dir}/预算.xlsx/out", "是一个文件，不是文件夹"),
                Arguments.of("{dir}/documents", "是一个含有其他内容的文件夹"),
                Arguments.of("{dir}/output/../input/submissions", "就是报送文件夹"),
                Arguments.of("{dir}/alias/out", "位于报送文件夹"),
                Arguments.of("{dir}/my-link", "不由本程序建立的链接"),
                Arguments.of("{dir}/taken", "不是本程序的工作文件夹"),
                Arguments.of("/", "是根目录"),
                Arguments.of(".", "就是当前工作文件夹"),
                Arguments.of("./", "就是当前工作文件夹"),
                Arguments.of("..", "包含"));
    }

    @ParameterizedTest(name = "--output={0}")
    @MethodSource("refused")
    void isRefusedWithExitTwoAndOneLineBeforeAnythingIsTouched(String output, String reason) {
        String path = output.replace("{dir}", dir.toString());
        Path workingFolder = Path.of("").toAbsolutePath();
        Map<String, String> office = FolderChecksum.of(dir);
        Map<String, String> working = FolderChecksum.of(workingFolder, OutputSafetyTest::builtOrVersioned);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ConsolidatorApplication.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--job=" + job, "--output=" + path,
                "--spring.datasource.url=" + database);

        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(message).isEqualTo(2);
        assertThat(message.lines()).hasSize(1);
        assertThat(message).contains("输出位置 " + Path.of(path)).contains(reason).doesNotContain("Exception");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(FolderChecksum.of(dir)).as("the office's folder").isEqualTo(office);
        assertThat(FolderChecksum.of(workingFolder, OutputSafetyTest::builtOrVersioned)).as("the working folder")
                .isEqualTo(working);
    }

    @Test
    void aTemplateFileEndingInYamlIsProtectedToo() throws IOException {
        Path template = dir.resolve("templates/custom.yaml");
        Files.copy(dir.resolve("templates/gov-2019.yml"), template);
        Map<String, String> office = FolderChecksum.of(dir);

        JobRunner.Run run = new JobRunner().run("--job=" + job, "--template=" + template, "--output=" + template);

        assertThat(run.exitStatus()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("就是报表模板文件");
        assertThat(FolderChecksum.of(dir)).isEqualTo(office);
    }

    /** What the build and version control write meanwhile; everything else must stay as it was. */
    private static boolean builtOrVersioned(Path relative) {
        return relative.getNameCount() == 1 && Stream.of("target", ".git").anyMatch(relative.toString()::equals);
    }

    @Test
    void anEmptyFolderBecomesTheOutput() throws IOException {
        Files.createDirectories(dir.resolve("empty"));

        JobRunner.Run run = new JobRunner().run("--job=" + jobWithoutLastYear, "--output=" + dir.resolve("empty"));

        assertThat(run.exitStatus()).as(run.err()).isEqualTo(3);
        assertThat(Files.isSymbolicLink(dir.resolve("empty"))).isTrue();
        assertThat(dir.resolve("empty/status.csv")).isRegularFile();
    }

    @Test
    void anOutputFolderOfAnEarlierVersionIsTakenOverAndOnlyItsOwnFilesGo() throws IOException {
        Path earlier = dir.resolve("earlier");
        Files.createDirectories(earlier);
        Files.writeString(earlier.resolve("run.yml"), "name: safety\nyear: 2020\ntemplate: gov-2019\nrun: 9\n");
        Files.writeString(earlier.resolve("status.csv"), "code,name\n");

        JobRunner.Run run = new JobRunner().run("--job=" + jobWithoutLastYear, "--output=" + earlier);

        assertThat(run.exitStatus()).as(run.err()).isEqualTo(3);
        assertThat(Files.isSymbolicLink(earlier)).isTrue();
        assertThat(JobRunner.readCsv(earlier.resolve("status.csv"))).isNotEmpty();
        try (Stream<Path> left = Files.list(dir.resolve(".earlier.consolidator"))) {
            assertThat(left).extracting(p -> p.getFileName().toString()).noneMatch(name -> name.contains("earlier"));
        }
    }
}

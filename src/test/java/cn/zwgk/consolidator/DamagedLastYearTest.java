package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way last year's folder can be damaged is one {@code no-previous} note on the city totals
 * that says what is wrong, and the run completes; {@code blank --previous} refuses it in one line.
 */
class DamagedLastYearTest {

    @TempDir
    static Path shared;
    private static Path lastYear;

    @TempDir
    Path dir;

    private final JobRunner runner = new JobRunner();

    @BeforeAll
    static void runLastYear() {
        lastYear = shared.resolve("2020");
        assertThat(new JobRunner().run("--job=jobs/bozhou-2020.yml", "--output=" + lastYear).exitStatus()).isZero();
    }

    private interface Damage {
        void apply(Path folder) throws IOException;
    }

    private static Arguments damage(String what, String said, Damage damage) {
        return Arguments.of(what, said, damage);
    }

    private static void replace(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static Stream<Arguments> damages() {
        return Stream.of(
                damage("the folder is a file", "不是文件夹", folder -> {
                    deleteFolder(folder);
                    replace(folder, "x");
                }),
                damage("run.yml is garbage bytes", "run.yml 不是 UTF-8 文本",
                        folder -> Files.write(folder.resolve("run.yml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2})),
                damage("run.yml is no mapping", "不是本程序写的 run.yml",
                        folder -> replace(folder.resolve("run.yml"), "<html>not found</html>\n")),
                damage("run.yml names no template", "run.yml 中没有 template",
                        folder -> replace(folder.resolve("run.yml"), "name: x\nyear: 2020\nrun: 1\n")),
                damage("run.yml names an unknown template", "gov-2099",
                        folder -> replace(folder.resolve("run.yml"), "name: x\nyear: 2020\ntemplate: gov-2099\nrun: 1\n")),
                damage("consolidated.csv is truncated", "consolidated.csv 不是完整的 gov-2019 合计表", folder -> {
                    byte[] content = Files.readAllBytes(folder.resolve("consolidated.csv"));
                    Files.write(folder.resolve("consolidated.csv"), java.util.Arrays.copyOf(content, content.length / 2));
                }),
                damage("consolidated.csv is of another template", "consolidated.csv 不是完整的 gov-2021 合计表",
                        folder -> replace(folder.resolve("run.yml"),
                                Files.readString(folder.resolve("run.yml")).replace("gov-2019", "gov-2021"))),
                damage("consolidated.csv is a folder", "consolidated.csv 不是文件（是文件夹）", folder -> {
                    Files.delete(folder.resolve("consolidated.csv"));
                    Files.createDirectory(folder.resolve("consolidated.csv"));
                }),
                damage("consolidated.csv is missing", "缺少 consolidated.csv",
                        folder -> Files.delete(folder.resolve("consolidated.csv"))),
                damage("accepted-values.csv is empty", "accepted-values.csv 是空文件",
                        folder -> replace(folder.resolve("accepted-values.csv"), "")),
                damage("accepted-values.csv is garbage", "accepted-values.csv 的标题行不是本程序写出的",
                        folder -> replace(folder.resolve("accepted-values.csv"), "PK\u0003\u0004 garbage\n")),
                damage("accepted-values.csv lacks columns", "accepted-values.csv 缺少 1 列",
                        folder -> replace(folder.resolve("accepted-values.csv"), Files.readAllLines(
                                folder.resolve("accepted-values.csv")).stream()
                                .map(line -> line.substring(0, line.lastIndexOf(',')))
                                .reduce("", (all, line) -> all + line + "\n"))),
                damage("accepted-values.csv has text for a number", "不是数字",
                        folder -> replace(folder.resolve("accepted-values.csv"), Files.readString(
                                folder.resolve("accepted-values.csv")).replaceFirst("\nqiaocheng,[0-9]+", "\nqiaocheng,abc"))),
                damage("accepted-values.csv is one endless line", "超过", folder -> {
                    try (var out = Files.newBufferedWriter(folder.resolve("accepted-values.csv"))) {
                        for (int i = 0; i < 1 << 17; i++) {
                            out.write("unit,unit,");
                        }
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void aDamagedLastYearIsOneNoteSayingWhatIsWrong(String what, String said, Damage damage) throws IOException {
        Path previous = copyOfLastYear();
        damage.apply(previous);

        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--previous=" + previous,
                "--output=" + dir.resolve("2021"));

        assertThat(run.exitStatus()).as(run.err()).isZero();
        List<Map<String, String>> findings = JobRunner.readCsv(dir.resolve("2021/findings.csv"));
        assertThat(findings).extracting(f -> f.get("unit"), f -> f.get("rule"))
                .containsExactly(tuple("consolidated", "no-previous"));
        assertThat(findings.get(0).get("message")).contains(previous.toString()).contains(said);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void aBlankFormWithADamagedLastYearIsRefusedInOneLine(String what, String said, Damage damage)
            throws IOException {
        Path previous = copyOfLastYear();
        damage.apply(previous);

        JobRunner.Run run = runner.run("blank", "--template=gov-2021", "--unit=qiaocheng", "--previous=" + previous,
                "--output=" + dir.resolve("qiaocheng.csv"));

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(previous.toString()).contains(said).doesNotContain("Exception");
        assertThat(dir.resolve("qiaocheng.csv")).doesNotExist();
    }

    private Path copyOfLastYear() throws IOException {
        Path copy = dir.resolve("2020");
        Files.createDirectories(copy);
        for (String name : List.of("run.yml", "consolidated.csv", "accepted-values.csv", "status.csv")) {
            Files.copy(lastYear.resolve(name), copy.resolve(name));
        }
        return copy;
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Files.delete(folder);
    }
}

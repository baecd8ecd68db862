package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A unit checks its file before sending it: {@code validate --template=… FILE}. */
class ValidateCommandTest {

    private final JobRunner runner = new JobRunner();

    @Test
    void aGoodFileWouldBeAccepted() {
        JobRunner.Run run = runner.run("validate", "--template=gov-2019", "src/test/resources/variants/excel-gbk-everything.csv");

        assertThat(run.exitStatus()).isZero();
        assertThat(run.out()).contains("模板 gov-2019").contains("结论：可以接收");
    }

    @Test
    void aBrokenFileGetsItsFindingsInChineseAndStatus3(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("guoyang.csv");
        Files.write(file, SampleSubmission.gov2019().with("3", "1", "natural", "二十").withLine("广告,点击这里").bytes());

        JobRunner.Run run = runner.run("validate", "--template=gov-2019", file.toString());

        assertThat(run.exitStatus()).isEqualTo(3);
        assertThat(run.out()).contains("错误 [not-a-number] 第 ").contains("表三 第一项（本年新收）·自然人：应为不小于 0 的整数，填报为“二十”")
                .contains("错误 [malformed-line]").contains("结论：不能接收，请修改以上 2 处错误后再报送");
    }

    @Test
    void theWrongTemplateIsSaidPlainly() {
        JobRunner.Run run = runner.run("validate", "--template=gov-2021", SampleSubmission.GOV_2019.toString());

        assertThat(run.exitStatus()).isEqualTo(3);
        assertThat(run.out()).contains("没有行代码").contains("缺少这一项");
    }

    @Test
    void withoutATemplateOrAFileItIsAUsageError() {
        assertThat(runner.run("validate", SampleSubmission.GOV_2019.toString()).exitStatus()).isEqualTo(2);
        assertThat(runner.run("validate", "--template=gov-2019").exitStatus()).isEqualTo(2);
        assertThat(runner.run("validate", "--template=gov-2019", "no-such-file.csv").exitStatus()).isEqualTo(2);
    }

    @Test
    void aMistakeIsOneLineNamingTheOption() {
        JobRunner.Run run = runner.run("validate", "--template=gov-2019", "--max-file-size=12x",
                SampleSubmission.GOV_2019.toString());

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--max-file-size “12x”").doesNotContain("Exception");
    }

    @Test
    void anUnknownOptionIsRefused() {
        JobRunner.Run run = runner.run("validate", "--template=gov-2019", "--unit=x", SampleSubmission.GOV_2019.toString());

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err()).contains("未知选项 --unit").contains("用法见 validate --help");
    }

    @Test
    void helpShowsItsOwnUsage() {
        JobRunner.Run run = runner.run("validate", "--help");

        assertThat(run.exitStatus()).isZero();
        assertThat(run.out()).contains("validate --template=");
    }

    /**
     * A unit waits for the answer: the check starts no Spring context and no logging system, and
     * without settings to bind makes none of Spring Boot's conversions, which cost a cold start
     * a third of its time.
     */
    @Test
    void validateStartsNoSpringAndNoLogging() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), ConsolidatorApplication.class.getName(),
                "validate", "--template=gov-2019", SampleSubmission.GOV_2019.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<String> loaded = output.lines().filter(line -> line.contains("class,load")).toList();

        assertThat(loaded).as("classes loaded").anyMatch(line -> line.contains(" cn.zwgk.consolidator.ValidateCommand "));
        assertThat(loaded).noneMatch(line -> line.contains(" org.springframework.context."))
                .noneMatch(line -> line.contains(" org.springframework.boot.SpringApplication"))
                .noneMatch(line -> line.contains(" org.springframework.core.convert.support.GenericConversionService "))
                .noneMatch(line -> line.contains(" org.apache.commons.logging."))
                .noneMatch(line -> line.contains(" ch.qos.logback."));
    }
}

package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as a person sees it: printed on A4 by headless Chromium (Debian's package, which
 * .ci/run installs), and the printed text read back.
 */
class ReportInBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    private final JobRunner runner = new JobRunner();

    @BeforeAll
    static void chromiumIsThere() {
        // CI installs it; on a developer's machine without it, the test says so and steps aside
        Assumptions.assumeTrue(System.getenv("CI") != null || Files.isExecutable(CHROMIUM),
                "Debian's chromium is not installed (apt-get install chromium fonts-wqy-zenhei poppler-utils)");
    }

    private String printed(Path report) throws IOException, InterruptedException {
        Path pdf = dir.resolve("report.pdf");
        run(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--no-pdf-header-footer", "--print-to-pdf=" + pdf,
                report.toUri().toString()));
        Path text = dir.resolve("report.txt");
        run(List.of("pdftotext", "-layout", pdf.toString(), text.toString()));
        return Files.readString(text, StandardCharsets.UTF_8);
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("process.log").toFile()).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("process.log"))).isZero();
    }

    @Test
    void thePrintedReportShowsTheParagraphAndTheTotals() throws Exception {
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + dir.resolve("out")).exitStatus()).isZero();

        String text = printed(dir.resolve("out/report.html"));

        assertThat(text.replaceAll("\\s+", "")).contains("共收到政府信息公开申请276件，其中予以公开114件，部分公开32件，"
                + "不予公开19件，无法提供87件，不予处理4件，其他处理20件；结转下年度继续办理2件。因政府信息公开工作被申请行政复议23起");
        assertThat(text.lines().filter(line -> line.contains("（七）总计")).findFirst().orElseThrow().strip())
                .as("the totals row of table 3").endsWith("276").contains("264");
        assertThat(text).doesNotContain("本次汇总不完整");
    }

    @Test
    void thePrintedReportShowsWhoIsMissingAndRejected() throws Exception {
        assertThat(runner.run("--job=jobs/sample-2020-problems.yml", "--output=" + dir.resolve("out")).exitStatus())
                .isEqualTo(3);

        String text = printed(dir.resolve("out/report.html"));

        assertThat(text.replaceAll("\\s+", "")).contains("本次汇总不完整").contains("未报送：蒙城县人民政府");
        assertThat(text.lines().filter(line -> line.contains("涡阳县人民政府") && line.contains("guoyang.csv")))
                .singleElement().asString().contains("被退回");
    }
}

package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file is read within bounded memory, whatever its size: the run never dies of one. */
class LargeFilesTest {

    @TempDir
    Path dir;

    /** Sparse: as long as asked, without using the disk. */
    static void sparseFile(Path file, long length) throws IOException {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(length);
        }
    }

    private Path job(String maxFileSize) throws IOException {
        Path job = dir.resolve("job.yml");
        Files.writeString(job, "name: large\nyear: 2020\ntemplate: gov-2019\nunits: "
                + Path.of("input/bozhou-2020/units.csv").toAbsolutePath() + "\nsubmissions: " + dir.resolve("submissions")
                + "\noutput: " + dir.resolve("output") + "\nmax-file-size: " + maxFileSize + "\n", StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("submissions"));
        return job;
    }

    /** Runs {@link SmallHeapCheck} in a JVM of the given heap, and returns its lines. */
    static List<String> inSmallHeap(String heap, Path job) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), SmallHeapCheck.class.getName(),
                job.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    @Test
    void aFileTwiceTheHeapUnderTheLimitIsFingerprintedAndRefusedUnread() throws IOException, InterruptedException {
        // the largest limit a job may set: the file is hashed whole for the fingerprint, never held
        Path job = job("100MiB");
        sparseFile(dir.resolve("submissions/qiaocheng.csv"), 96L << 20);

        List<String> lines = inSmallHeap("48m", job);

        assertThat(lines).anyMatch(line -> line.matches("fingerprint [0-9a-f]{64}"));
        assertThat(lines).filteredOn(line -> line.startsWith("qiaocheng "))
                .singleElement().asString().contains("rejected unreadable").contains("100663296 字节");
    }

    @Test
    void aFileOverTheLimitIsRejectedFromItsSizeAlone() throws IOException {
        Path submissions = dir.resolve("submissions");
        Files.createDirectories(submissions);
        try (var files = Files.list(Path.of("input/bozhou-2020/submissions"))) {
            for (Path file : files.toList()) {
                Files.copy(file, submissions.resolve(file.getFileName()));
            }
        }
        Files.delete(submissions.resolve("qiaocheng.csv"));
        sparseFile(submissions.resolve("qiaocheng.csv"), 3L << 30);

        JobRunner.Run run = new JobRunner().run("--job=jobs/bozhou-2020.yml", "--submissions=" + submissions,
                "--output=" + dir.resolve("output"));

        assertThat(run.exitStatus()).as(run.err()).isEqualTo(3);
        Map<String, String> status = JobRunner.readCsv(dir.resolve("output/status.csv")).stream()
                .filter(line -> line.get("code").equals("qiaocheng")).findFirst().orElseThrow();
        assertThat(status.get("status")).isEqualTo("rejected");
        assertThat(status.get("sha256")).isEmpty();
        assertThat(JobRunner.readCsv(dir.resolve("output/findings.csv"))).filteredOn(f -> f.get("unit").equals("qiaocheng"))
                .singleElement().satisfies(f -> assertThat(f.get("message")).contains("3221225472 字节").contains("超过上限"));
    }

    @Test
    void aWorkbookOfAMillionRowsIsRefusedWithinASmallHeap() throws IOException, InterruptedException {
        Path job = job("5MiB");
        Path workbook = dir.resolve("submissions/mengcheng.xlsx");
        try (SXSSFWorkbook million = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(workbook)) {
            million.setCompressTempFiles(true);
            Sheet sheet = million.createSheet("表三");
            for (int r = 0; r < 1_000_000; r++) {
                sheet.createRow(r).createCell(0).setCellValue(r % 10);
            }
            million.write(out);
        }
        assertThat(Files.size(workbook)).isLessThan(5L << 20);

        List<String> lines = inSmallHeap("64m", job);

        assertThat(lines).filteredOn(line -> line.startsWith("mengcheng "))
                .singleElement().asString().contains("rejected unreadable").contains("工作表“表三”有超过");
    }
}

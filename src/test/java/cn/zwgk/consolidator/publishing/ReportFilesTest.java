package cn.zwgk.consolidator.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.zwgk.consolidator.common.RunFile;
import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.consolidation.AcceptedValues;
import cn.zwgk.consolidator.output.FindingLine;
import cn.zwgk.consolidator.output.HtmlReport;
import cn.zwgk.consolidator.output.StatusLine;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

/** The published files are the same bytes whichever thread writes which file, and when. */
class ReportFilesTest {

    private static final ReportTemplate TEMPLATE = TemplateCatalog.load("gov-2019");
    private static final LocalDateTime AS_OF = LocalDateTime.of(2021, 1, 20, 9, 30);

    @TempDir
    Path folder;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void writersOnThreadsInAShuffledTimingWriteTheBytesOfOneThread(long seed) throws IOException {
        System.out.println("seed " + seed);
        Path alone = write(folder.resolve("alone"), Runnable::run);
        Path shuffled = write(folder.resolve("shuffled"), shuffling(new Random(seed)));

        Map<String, String> expected = contents(alone);
        assertThat(expected).containsKeys("report.html", "report.xlsx/xl/worksheets/sheet4.xml",
                "report.docx/word/document.xml", "status.csv", "findings.csv", "consolidated.csv");
        assertThat(expected.keySet()).anyMatch(name -> name.startsWith("feedback/"));
        assertThat(contents(shuffled)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 6})
    void theChecksumOfEveryFileWrittenIsTheChecksumOfItsBytes(long seed) throws IOException {
        System.out.println("seed " + seed);
        Path staging = staging(folder.resolve("hashed"));
        Map<String, String> checksums;
        try (ReportFiles files = new ReportFiles(staging, shuffling(new Random(seed)))) {
            writeAll(files, staging);
            checksums = files.checksums();
        }

        assertThat(checksums).containsKeys(AcceptedValues.FILE, "report.html", "report.xlsx", "report.docx",
                "status.csv", "groups/第0组.csv").anySatisfy((name, sha) -> assertThat(name).startsWith("feedback/"));
        assertThat(checksums).isEqualTo(RunFile.checksums(staging));
    }

    @Test
    void acceptedValuesJoinedOnAWorkerGiveTheChartsOfTheFileReadByTheCaller() throws IOException {
        Path alone = write(folder.resolve("alone"), Runnable::run);
        Path parts = Files.createDirectories(folder.resolve("parts"));
        String values = Files.readString(alone.resolve(AcceptedValues.FILE), StandardCharsets.UTF_8);
        Files.writeString(parts.resolve("0000000000.part"), values.substring(values.indexOf('\n') + 1));
        Files.writeString(parts.resolve("0000000000.sums"), "");
        Path joined = Files.createDirectories(folder.resolve("joined"));

        try (ReportFiles files = new ReportFiles(joined, shuffling(new Random(11)))) {
            files.startAcceptedValues(parts, TEMPLATE);
            assertThat(files.acceptedValues().groups()).isEmpty();
            files.writeHtml(totals(), run(), null);
            files.finish();
        }

        assertThat(Files.readString(joined.resolve("report.html"))).contains("（按单位）")
                .isEqualTo(Files.readString(alone.resolve("report.html")));
    }

    @Test
    void aWriterThatFailsFailsPublishingAfterTheOthersHaveFinished() throws IOException {
        Path staging = staging(folder.resolve("failing"));
        // report.xlsx cannot be written where a folder of that name stands
        Files.createDirectories(staging.resolve("report.xlsx"));
        ReportFiles files = new ReportFiles(staging, shuffling(new Random(7)));
        files.startDocument(totals(), 2020, "亳州市人民政府");
        files.startTables(totals(), run(), TEMPLATE.title(), publication(), AS_OF);

        assertThatThrownBy(files::finish).isInstanceOf(IOException.class);
        assertThat(staging.resolve(AnnualReportDocument.FILE)).isNotEmptyFile();
        assertThat(staging.resolve("status.csv")).isNotEmptyFile();
    }

    @Test
    void aWriterTheWorkersRefuseIsNotWaitedFor() throws IOException {
        Path staging = staging(folder.resolve("refused"));
        Executor closing = task -> {
            throw new java.util.concurrent.RejectedExecutionException("the application is closing");
        };
        ReportFiles files = new ReportFiles(staging, closing);

        assertThatThrownBy(() -> files.startDocument(totals(), 2020, "亳州市人民政府"))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), files::close);
    }

    private Path write(Path staging, Executor workers) throws IOException {
        staging(staging);
        try (ReportFiles files = new ReportFiles(staging, workers)) {
            writeAll(files, staging);
        }
        return staging;
    }

    /** Every file, as publishing writes them: accepted-values.csv is the caller's, there before. */
    private static void writeAll(ReportFiles files, Path staging) throws IOException {
        ReportValues totals = totals();
        HtmlReport.Run run = run();
        files.startDocument(totals, 2020, "亳州市人民政府");
        files.startTables(totals, run, TEMPLATE.title(), publication(), AS_OF);
        files.startChecksum(staging.resolve(AcceptedValues.FILE));
        files.startGroups(Map.of("第0组", totals, "第1组", totals()));
        files.writeHtml(totals, run, null);
        files.finish();
    }

    /** Runs each writer on a thread of its own, started after a pause drawn from the seed. */
    private static Executor shuffling(Random random) {
        return task -> {
            long pause = random.nextInt(40);
            Thread thread = new Thread(() -> {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            });
            thread.start();
        };
    }

    private static Path staging(Path staging) throws IOException {
        Files.createDirectories(staging);
        StringBuilder accepted = new StringBuilder("unit");
        for (int i = 0; i < TEMPLATE.cellCount(); i++) {
            accepted.append(",c").append(i);
        }
        accepted.append('\n');
        for (int u = 0; u < 30; u++) {
            accepted.append("unit-").append(u);
            for (int i = 0; i < TEMPLATE.cellCount(); i++) {
                accepted.append(',').append((u * 7 + i) % 13);
            }
            accepted.append('\n');
        }
        Files.writeString(staging.resolve(AcceptedValues.FILE), accepted, StandardCharsets.UTF_8);
        return staging;
    }

    private static ReportValues totals() {
        Random random = new Random(2019);
        ReportValues totals = new ReportValues(TEMPLATE);
        for (int i = 0; i < TEMPLATE.cellCount(); i++) {
            totals.set(i, TEMPLATE.cell(i).type().isWhole() ? BigDecimal.valueOf(random.nextInt(100_000))
                    : BigDecimal.valueOf(random.nextInt(10_000_000), 3));
        }
        return totals;
    }

    private static HtmlReport.Run run() {
        List<StatusLine> status = new ArrayList<>();
        List<FindingLine> findings = new ArrayList<>();
        SubmissionStatus[] kinds = {SubmissionStatus.ACCEPTED, SubmissionStatus.ACCEPTED, SubmissionStatus.REJECTED,
            SubmissionStatus.MISSING};
        for (int u = 0; u < 40; u++) {
            SubmissionStatus kind = kinds[u % kinds.length];
            boolean warned = kind == SubmissionStatus.ACCEPTED && u % 8 == 0;
            status.add(new StatusLine("unit-" + u, "第" + u + "号单位 <&>", "第" + u % 3 + "组", kind,
                    kind == SubmissionStatus.REJECTED ? 1 : 0, warned ? 1 : 0,
                    kind == SubmissionStatus.MISSING ? null : "unit-" + u + ".csv", "0".repeat(64)));
            if (kind == SubmissionStatus.REJECTED || warned) {
                findings.add(new FindingLine("unit-" + u, "unit-" + u + ".csv", warned ? "warning" : "error", "balance",
                        "t3", "r1", "c1", "10", "11", "表三 第一项：应为 10，实为 11", null));
            }
        }
        return new HtmlReport.Run("测试", 2020, status, findings);
    }

    private static Publication publication() {
        return new Publication("亳州市人民政府", LocalDate.of(2021, 1, 31), Path.of("submissions"));
    }

    /** Every file's text by name; a zip's parts one by one, but for the time it was made. */
    private static Map<String, String> contents(Path staging) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = staging.relativize(file).toString();
                if (name.endsWith(".xlsx") || name.endsWith(".docx")) {
                    try (ZipFile zip = new ZipFile(file.toFile())) {
                        for (ZipEntry entry : Collections.list(zip.entries())) {
                            String text = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                            contents.put(name + "/" + entry.getName(),
                                    text.replaceAll("<dcterms:created([^>]*)>[^<]*<", "<dcterms:created$1>…<"));
                        }
                    }
                } else {
                    contents.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return contents;
    }
}

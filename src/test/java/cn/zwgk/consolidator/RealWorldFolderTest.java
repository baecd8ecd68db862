package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submissions folder as an office really gets it: files in every accepted form, files with
 * every kind of mistake, oversized and binary files, hidden files, a subfolder, links and odd
 * names. Every accepted file counts, every other one is reported, and the run completes.
 */
class RealWorldFolderTest {

    @TempDir
    Path dir;

    private Path submissions;
    private final Map<String, String> expectedRule = new LinkedHashMap<>();
    private final List<String> accepted = new ArrayList<>();
    private final JobRunner runner = new JobRunner();

    private void reject(String code, String rule, byte[] content) throws IOException {
        Files.write(submissions.resolve(code + ".csv"), content);
        expectedRule.put(code, rule);
    }

    @BeforeEach
    void fillTheFolder() throws IOException, InterruptedException {
        submissions = dir.resolve("submissions");
        Files.createDirectories(submissions);
        try (Stream<Path> variants = Files.list(Path.of("src/test/resources/variants"))) {
            for (Path variant : variants.sorted().toList()) {
                String code = "ok-" + variant.getFileName().toString().replace(".csv", "");
                Files.copy(variant, submissions.resolve(code + ".csv"));
                accepted.add(code);
            }
        }
        // a unit that filled in the Excel form (every value given, as `blank --output=x.xlsx` lays it out)
        Map<Integer, String> all = new java.util.HashMap<>();
        cn.zwgk.consolidator.template.ReportTemplate gov2019 = cn.zwgk.consolidator.template.TemplateCatalog
                .load("gov-2019");
        SampleSubmission sample = SampleSubmission.gov2019();
        for (cn.zwgk.consolidator.template.Cell cell : gov2019.cells()) {
            all.put(cell.index(), sample.value(cell.table().code(), cell.row().code(), cell.column().code()));
        }
        new cn.zwgk.consolidator.submission.WorkbookForm(gov2019).write(submissions.resolve("ok-excel.xlsx"), all);
        accepted.add("ok-excel");
        reject("r-not-a-number", "not-a-number", SampleSubmission.gov2019().with("3", "1", "natural", "二十").bytes());
        reject("r-fraction", "not-whole", SampleSubmission.gov2019().with("4", "review", "upheld", "2.5").bytes());
        reject("r-negative", "negative", SampleSubmission.gov2019().with("2", "20.6.penalty", "decisions", "-5").bytes());
        reject("r-advert", "malformed-line", SampleSubmission.gov2019().withLine("CBA直播,CBA直播在线观看").bytes());
        reject("r-yuan", "not-a-number",
                SampleSubmission.gov2019().with("2", "20.9.procurement", "amount", "635928310元").bytes());
        reject("r-blank", "empty-value", SampleSubmission.gov2019().with("3", "2", "other", "").bytes());
        reject("r-out-of-range", "out-of-range",
                SampleSubmission.gov2019().with("2", "20.5.licensing", "decisions", "99999999999999999999").bytes());
        reject("r-empty", "unreadable", new byte[0]);
        byte[] binary = new byte[64 * 1024];
        new Random(7).nextBytes(binary);
        reject("r-binary", "unreadable", binary);
        reject("r-huge-line", "malformed-line",
                (SampleSubmission.gov2019().text() + "x".repeat(1_000_000) + "\n").getBytes(StandardCharsets.UTF_8));
        reject("r-million-lines", "malformed-line", ("table,row,column,value\n" + "x\n".repeat(1_000_000))
                .getBytes(StandardCharsets.UTF_8));
        expectedRule.put("r-too-large", "unreadable");
        try (OutputStream out = Files.newOutputStream(submissions.resolve("r-too-large.csv"))) {
            out.write(SampleSubmission.gov2019().bytes());
            byte[] line = "3,1,natural,1\n".getBytes(StandardCharsets.UTF_8);
            for (int written = 0; written < 6 * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        expectedRule.put("r-link", "unreadable");
        Files.createSymbolicLink(submissions.resolve("r-link.csv"), Path.of("/etc/hostname"));
        expectedRule.put("r-missing", "missing");
        // a named pipe would block whoever reads it: as a unit's file and as a stray entry
        expectedRule.put("r-pipe", "unreadable");
        assertThat(new ProcessBuilder("mkfifo", submissions.resolve("r-pipe.csv").toString(),
                submissions.resolve("pipe").toString()).start().waitFor()).isZero();

        Files.writeString(submissions.resolve(".DS_Store"), "finder data");
        Files.createDirectories(submissions.resolve("old-files"));
        Files.write(submissions.resolve("old-files/ok-utf8.csv"), SampleSubmission.gov2019().bytes());
        Files.createSymbolicLink(submissions.resolve("outside.csv"), Path.of("/etc/passwd"));
        Files.write(submissions.resolve("=HYPERLINK(\"x\").csv"), SampleSubmission.gov2019().bytes());
        Files.write(submissions.resolve("两行\n名字.csv"), SampleSubmission.gov2019().bytes());

        StringBuilder registry = new StringBuilder("code,name,group\n");
        for (String code : accepted) {
            registry.append(code).append(",能接收的单位 ").append(code).append(",variants\n");
        }
        for (String code : expectedRule.keySet()) {
            registry.append(code).append(",有问题的单位 ").append(code).append(",problems\n");
        }
        Files.writeString(dir.resolve("units.csv"), registry, StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyFileIsAccountedForAndOnlyTheValidOnesCount() throws IOException {
        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--units=" + dir.resolve("units.csv"),
                "--submissions=" + submissions, "--output=" + dir.resolve("output"));

        assertThat(run.exitStatus()).as(run.err()).isEqualTo(3);
        List<Map<String, String>> status = JobRunner.readCsv(dir.resolve("output/status.csv"));
        Map<String, String> statusOf = new LinkedHashMap<>();
        status.forEach(line -> statusOf.put(line.get("code"), line.get("status")));
        for (String code : accepted) {
            assertThat(statusOf.get(code)).as(code).isEqualTo("accepted");
        }
        List<Map<String, String>> findings = JobRunner.readCsv(dir.resolve("output/findings.csv"));
        expectedRule.forEach((code, rule) -> {
            assertThat(statusOf.get(code)).as(code).isEqualTo(rule.equals("missing") ? "missing" : "rejected");
            assertThat(findings).filteredOn(f -> f.get("unit").equals(code)).extracting(f -> f.get("rule"))
                    .as(code).contains(rule);
        });
        // everything else in the folder is listed as it is named, never read, never dropped
        assertThat(status).filteredOn(line -> line.get("status").equals("unknown"))
                .extracting(line -> line.get("code"), line -> line.get("file"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.api.Assertions.tuple(".DS_Store", ".DS_Store"),
                        org.assertj.core.api.Assertions.tuple("'=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\").csv"),
                        org.assertj.core.api.Assertions.tuple("old-files", "old-files"),
                        org.assertj.core.api.Assertions.tuple("outside", "outside.csv"),
                        org.assertj.core.api.Assertions.tuple("pipe", "pipe"),
                        org.assertj.core.api.Assertions.tuple("两行\n名字", "两行\n名字.csv"));
        assertThat(status).hasSize(accepted.size() + expectedRule.size() + 6);
        assertThat(findings).filteredOn(f -> f.get("unit").equals("r-million-lines")).hasSizeLessThanOrEqualTo(101);
        assertThat(findings).filteredOn(f -> f.get("unit").equals("r-too-large")).extracting(f -> f.get("message"))
                .singleElement().asString().contains("超过上限");
        assertThat(findings).filteredOn(f -> f.get("unit").equals("r-not-a-number")).extracting(f -> f.get("message"))
                .singleElement().asString()
                .matches("第 \\d+ 行：表三 第一项（本年新收）·自然人：应为不小于 0 的整数，填报为“二十”");
        assertThat(findings).filteredOn(f -> f.get("unit").equals("r-yuan")).extracting(f -> f.get("message"))
                .singleElement().asString().contains("表二 政府集中采购·采购总金额（万元）").contains("以万元为单位")
                .contains("“635928310元”");
        assertThat(findings).filteredOn(f -> f.get("unit").equals("r-link")).extracting(f -> f.get("message"))
                .singleElement().asString().contains("是链接").doesNotContain("localhost");

        // the totals are exactly the accepted files: each variant is the same 谯城区 submission
        Map<String, BigDecimal> one = JobRunner.cells(Path.of("src/test/resources/variants/utf8.csv"));
        Map<String, BigDecimal> consolidated = JobRunner.cells(dir.resolve("output/consolidated.csv"));
        BigDecimal copies = BigDecimal.valueOf(accepted.size());
        one.forEach((cell, value) -> assertThat(consolidated.get(cell)).as(cell)
                .isEqualByComparingTo(value.multiply(copies)));
    }
}

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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A submissions folder as an office really gets it: files in every accepted form, files with
 * every kind of mistake, oversized and binary files, hidden files, a subfolder, links and odd
 * names. Every accepted file counts, every other one is reported, and the run completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealWorldFolderTest {

    private static final Path VARIANTS = Path.of("src/test/resources/variants");

    /** Each faulty unit of the folder and the finding its file must get. */
    private static final Map<String, String> RULE_OF = new LinkedHashMap<>();

    static {
        RULE_OF.put("r-not-a-number", "not-a-number");
        RULE_OF.put("r-fraction", "not-whole");
        RULE_OF.put("r-negative", "negative");
        RULE_OF.put("r-advert", "malformed-line");
        RULE_OF.put("r-yuan", "not-a-number");
        RULE_OF.put("r-blank", "empty-value");
        RULE_OF.put("r-out-of-range", "out-of-range");
        RULE_OF.put("r-empty", "unreadable");
        RULE_OF.put("r-binary", "unreadable");
        RULE_OF.put("r-huge-line", "malformed-line");
        RULE_OF.put("r-million-lines", "malformed-line");
        RULE_OF.put("r-too-large", "unreadable");
        RULE_OF.put("r-link", "unreadable");
        RULE_OF.put("r-missing", "missing");
        RULE_OF.put("r-pipe", "unreadable");
    }

    private Path dir;
    private Path submissions;
    private final List<String> faultsMade = new ArrayList<>();
    private final JobRunner runner = new JobRunner();
    private JobRunner.Run run;
    private List<Map<String, String>> status;
    private Map<String, String> statusOf;
    private List<Map<String, String>> findings;

    /** Every variant file, and a workbook filled in as the Excel form lays it out. */
    static List<String> acceptable() throws IOException {
        List<String> codes = new ArrayList<>();
        try (Stream<Path> variants = Files.list(VARIANTS)) {
            for (Path variant : variants.sorted().toList()) {
                codes.add("ok-" + variant.getFileName().toString().replace(".csv", ""));
            }
        }
        codes.add("ok-excel");
        return codes;
    }

    static Stream<Arguments> faulty() {
        return RULE_OF.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private void reject(String code, byte[] content) throws IOException {
        Files.write(submissions.resolve(code + ".csv"), content);
        faultsMade.add(code);
    }

    @BeforeAll
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void fillTheFolderAndRunTheJob(@TempDir Path tempDir) throws IOException, InterruptedException {
        dir = tempDir;
        fillTheFolder();
        run = runner.run("--job=jobs/bozhou-2020.yml", "--units=" + dir.resolve("units.csv"),
                "--submissions=" + submissions, "--output=" + dir.resolve("output"));
        status = JobRunner.readCsv(dir.resolve("output/status.csv"));
        statusOf = new LinkedHashMap<>();
        status.forEach(line -> statusOf.put(line.get("code"), line.get("status")));
        findings = JobRunner.readCsv(dir.resolve("output/findings.csv"));
    }

    private void fillTheFolder() throws IOException, InterruptedException {
        submissions = dir.resolve("submissions");
        Files.createDirectories(submissions);
        try (Stream<Path> variants = Files.list(VARIANTS)) {
            for (Path variant : variants.sorted().toList()) {
                String code = "ok-" + variant.getFileName().toString().replace(".csv", "");
                Files.copy(variant, submissions.resolve(code + ".csv"));
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
        reject("r-not-a-number", SampleSubmission.gov2019().with("3", "1", "natural", "二十").bytes());
        reject("r-fraction", SampleSubmission.gov2019().with("4", "review", "upheld", "2.5").bytes());
        reject("r-negative", SampleSubmission.gov2019().with("2", "20.6.penalty", "decisions", "-5").bytes());
        reject("r-advert", SampleSubmission.gov2019().withLine("CBA直播,CBA直播在线观看").bytes());
        reject("r-yuan", SampleSubmission.gov2019().with("2", "20.9.procurement", "amount", "635928310元").bytes());
        reject("r-blank", SampleSubmission.gov2019().with("3", "2", "other", "").bytes());
        reject("r-out-of-range",
                SampleSubmission.gov2019().with("2", "20.5.licensing", "decisions", "99999999999999999999").bytes());
        reject("r-empty", new byte[0]);
        byte[] binary = new byte[64 * 1024];
        new Random(7).nextBytes(binary);
        reject("r-binary", binary);
        reject("r-huge-line",
                (SampleSubmission.gov2019().text() + "x".repeat(1_000_000) + "\n").getBytes(StandardCharsets.UTF_8));
        reject("r-million-lines", ("table,row,column,value\n" + "x\n".repeat(1_000_000))
                .getBytes(StandardCharsets.UTF_8));
        faultsMade.add("r-too-large");
        try (OutputStream out = Files.newOutputStream(submissions.resolve("r-too-large.csv"))) {
            out.write(SampleSubmission.gov2019().bytes());
            byte[] line = "3,1,natural,1\n".getBytes(StandardCharsets.UTF_8);
            for (int size = 0; size < 6 * 1024 * 1024; size += line.length) {
                out.write(line);
            }
        }
        faultsMade.add("r-link");
        Files.createSymbolicLink(submissions.resolve("r-link.csv"), Path.of("/etc/hostname"));
        faultsMade.add("r-missing"); // no file at all
        // a named pipe would block whoever reads it: as a unit's file and as a stray entry
        faultsMade.add("r-pipe");
        assertThat(new ProcessBuilder("mkfifo", submissions.resolve("r-pipe.csv").toString(),
                submissions.resolve("pipe").toString()).start().waitFor()).isZero();

        Files.writeString(submissions.resolve(".DS_Store"), "finder data");
        Files.createDirectories(submissions.resolve("old-files"));
        Files.write(submissions.resolve("old-files/ok-utf8.csv"), SampleSubmission.gov2019().bytes());
        Files.createSymbolicLink(submissions.resolve("outside.csv"), Path.of("/etc/passwd"));
        Files.write(submissions.resolve("=HYPERLINK(\"x\").csv"), SampleSubmission.gov2019().bytes());
        Files.write(submissions.resolve("两行\n名字.csv"), SampleSubmission.gov2019().bytes());

        StringBuilder registry = new StringBuilder("code,name,group\n");
        for (String code : acceptable()) {
            registry.append(code).append(",能接收的单位 ").append(code).append(",variants\n");
        }
        for (String code : RULE_OF.keySet()) {
            registry.append(code).append(",有问题的单位 ").append(code).append(",problems\n");
        }
        Files.writeString(dir.resolve("units.csv"), registry, StandardCharsets.UTF_8);
    }

    /** The folder really holds what {@link #RULE_OF} describes, each fault once. */
    @Test
    void everyDescribedFaultIsInTheFolder() {
        assertThat(faultsMade).containsExactlyElementsOf(RULE_OF.keySet());
    }

    @Test
    void theRunCompletesButIncomplete() {
        assertThat(run.exitStatus()).as(run.err()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptable")
    void everyValidFileIsAccepted(String code) {
        assertThat(statusOf.get(code)).as(code).isEqualTo("accepted");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("faulty")
    void everyFaultyUnitIsRejectedOrMissing(String code, String rule) {
        assertThat(statusOf.get(code)).as(code).isEqualTo(rule.equals("missing") ? "missing" : "rejected");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("faulty")
    void everyFaultyUnitGetsItsFinding(String code, String rule) {
        assertThat(findings).filteredOn(f -> f.get("unit").equals(code)).extracting(f -> f.get("rule"))
                .as(code).contains(rule);
    }

    /** Everything else in the folder is listed as it is named, never read, never dropped. */
    @Test
    void everyOtherEntryIsListedAsItIsNamed() {
        assertThat(status).filteredOn(line -> line.get("status").equals("unknown"))
                .extracting(line -> line.get("code"), line -> line.get("file"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.api.Assertions.tuple(".DS_Store", ".DS_Store"),
                        org.assertj.core.api.Assertions.tuple("'=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\").csv"),
                        org.assertj.core.api.Assertions.tuple("old-files", "old-files"),
                        org.assertj.core.api.Assertions.tuple("outside", "outside.csv"),
                        org.assertj.core.api.Assertions.tuple("pipe", "pipe"),
                        org.assertj.core.api.Assertions.tuple("两行\n名字", "两行\n名字.csv"));
    }

    @Test
    void theStatusListHasALineForEveryUnitAndEveryOtherEntry() throws IOException {
        assertThat(status).hasSize(acceptable().size() + RULE_OF.size() + 6);
    }

    @Test
    void aMillionBadLinesGiveAtMostTheCappedFindings() {
        assertThat(findings).filteredOn(f -> f.get("unit").equals("r-million-lines")).hasSizeLessThanOrEqualTo(101);
    }

    @Test
    void aFileOverTheLimitIsRefusedForItsSize() {
        assertThat(findings).filteredOn(f -> f.get("unit").equals("r-too-large")).extracting(f -> f.get("message"))
                .singleElement().asString().contains("超过上限");
    }

    @Test
    void textInsteadOfANumberIsNamedWithItsLineAndCell() {
        assertThat(findings).filteredOn(f -> f.get("unit").equals("r-not-a-number")).extracting(f -> f.get("message"))
                .singleElement().asString()
                .matches("第 \\d+ 行：表三 第一项（本年新收）·自然人：应为不小于 0 的整数，填报为“二十”");
    }

    @Test
    void anAmountInYuanAsksFor10kYuan() {
        assertThat(findings).filteredOn(f -> f.get("unit").equals("r-yuan")).extracting(f -> f.get("message"))
                .singleElement().asString().contains("表二 政府集中采购·采购总金额（万元）").contains("以万元为单位")
                .contains("“635928310元”");
    }

    @Test
    void aLinkIsRefusedWithoutBeingFollowed() {
        assertThat(findings).filteredOn(f -> f.get("unit").equals("r-link")).extracting(f -> f.get("message"))
                .singleElement().asString().contains("是链接").doesNotContain("localhost");
    }

    /** The totals are exactly the accepted files: each variant is the same 谯城区 submission. */
    @Test
    void theTotalsAreTheAcceptedFilesAndNothingElse() throws IOException {
        Map<String, BigDecimal> one = JobRunner.cells(VARIANTS.resolve("utf8.csv"));
        Map<String, BigDecimal> consolidated = JobRunner.cells(dir.resolve("output/consolidated.csv"));
        BigDecimal copies = BigDecimal.valueOf(acceptable().size());
        assertThat(one).hasSize(198);
        one.forEach((cell, value) -> assertThat(consolidated.get(cell)).as(cell)
                .isEqualByComparingTo(value.multiply(copies)));
    }
}

package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three bundled jobs, run for real on their real files, every output value compared. Each
 * job runs once per nested class (a run starts the whole program); each test checks one thing
 * of what that run left.
 */
class BundledJobsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/bozhou-2020-city.csv");
    private static final Path SHARED_GOLDEN = Path.of("../shared/golden/bozhou-2020-city.csv");

    /** Without the committed copy every comparison below would have nothing to compare with. */
    @Test
    void theCommittedGoldenCopyIsThere() {
        assertThat(GOLDEN).as("the committed golden copy").isRegularFile();
    }

    @Test
    void theCommittedGoldenCopyHasEveryCellOfTheTemplate() {
        assertThat(JobRunner.cells(GOLDEN)).hasSize(198);
    }

    /** The shared file lives beside the checkout, not in it: where it is absent, say so and skip. */
    @Test
    void theGoldenCopyIsTheSharedGoldenFile() throws IOException {
        if (!Files.isRegularFile(SHARED_GOLDEN)) {
            String reason = "the shared golden file " + SHARED_GOLDEN.toAbsolutePath().normalize()
                    + " is not beside this checkout, so the committed copy cannot be compared with it";
            // the console shows no skip reasons, only the count: say it where people look
            System.err.println("SKIPPED theGoldenCopyIsTheSharedGoldenFile: " + reason);
            abort(reason);
        }
        assertThat(GOLDEN).as("the committed golden copy").isRegularFile();

        assertThat(Files.readString(GOLDEN)).isEqualTo(Files.readString(SHARED_GOLDEN));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Bozhou2020 {

        private Path output;

        private final JobRunner runner = new JobRunner();
        private JobRunner.Run run;
        private Map<String, BigDecimal> golden;
        private Map<String, BigDecimal> consolidated;
        private List<Map<String, String>> status;
        private long runId;

        @BeforeAll
        void runTheJob(@TempDir Path dir) {
            output = dir.resolve("out");
            run = runner.run("--job=jobs/bozhou-2020.yml", "--output=" + output);
            golden = JobRunner.cells(GOLDEN);
            consolidated = JobRunner.cells(output.resolve("consolidated.csv"));
            status = JobRunner.readCsv(output.resolve("status.csv"));
            runId = (Long) runner.query("SELECT MAX(run_id) AS id FROM consolidation_run").get(0).get("id");
        }

        @Test
        void itCompletesAndSaysEveryUnitWasAccepted() {
            assertThat(run.exitStatus()).as(run.err()).isZero();
            assertThat(run.out()).contains("接收 13，退回 0，未报送 0，无法识别 0").contains(output.toString());
        }

        @Test
        void itReproducesEveryValueOfTheSeedReport() {
            assertThat(golden).hasSize(198);
            assertThat(consolidated.keySet()).containsExactlyElementsOf(golden.keySet());
            golden.forEach((cell, value) -> assertThat(consolidated.get(cell)).as(cell).isEqualByComparingTo(value));
        }

        @Test
        void itHasTheSeedReportsHeadlineNumbers() {
            assertThat(consolidated.get("3,1,total")).isEqualByComparingTo("276");
            assertThat(consolidated.get("4,review,total")).isEqualByComparingTo("23");
            assertThat(consolidated.get("4,litigation_direct,total")
                    .add(consolidated.get("4,litigation_after_review,total"))).isEqualByComparingTo("24");
        }

        @Test
        void itWritesNumbersPlainly() throws IOException {
            assertThat(Files.readString(output.resolve("consolidated.csv")))
                    .contains("\n2,20.9.procurement,amount,339371.821,").contains("\n2,20.5.other_services,change,-72,");
        }

        @Test
        void everyUnitIsAcceptedWithTheHashOfItsFile() {
            assertThat(status).hasSize(13).allSatisfy(line -> {
                assertThat(line.get("status")).isEqualTo("accepted");
                assertThat(line.get("errors")).isEqualTo("0");
                assertThat(line.get("sha256")).isEqualTo(sha256(Path.of("input/bozhou-2020/submissions",
                        line.get("file"))));
            });
        }

        @Test
        void theStatusListFollowsTheRegistry() {
            assertThat(status).extracting(l -> l.get("code")).startsWith("qiaocheng", "guoyang", "mengcheng", "lixin");
        }

        @Test
        void thereAreNoFindings() {
            assertThat(JobRunner.readCsv(output.resolve("findings.csv"))).isEmpty();
        }

        @Test
        void theRunIsRecordedComplete() {
            assertThat(runner.query("SELECT outcome, units_expected, units_accepted FROM consolidation_run"))
                    .extracting(r -> r.get("outcome"), r -> r.get("units_expected"), r -> r.get("units_accepted"))
                    .containsExactly(tuple("complete", 13, 13));
        }

        @Test
        void everySubmissionIsRecordedWithItsHashAndSize() {
            assertThat(runner.query("SELECT COUNT(*) AS n FROM submission WHERE run_id = " + runId
                    + " AND sha256 IS NOT NULL AND size_bytes > 0 AND status = 'accepted'").get(0).get("n"))
                    .isEqualTo(13L);
        }

        @Test
        void theConsolidatedValuesAreKeptInTheDatabase() {
            List<Map<String, Object>> stored = runner.query("SELECT table_code, row_code, column_code, cell_value "
                    + "FROM consolidated_value WHERE run_id = " + runId + " ORDER BY cell");
            assertThat(stored).hasSize(198);
            stored.forEach(row -> assertThat((BigDecimal) row.get("cell_value"))
                    .isEqualByComparingTo(golden.get(row.get("table_code") + "," + row.get("row_code") + ","
                            + row.get("column_code"))));
        }
    }

    /** Expected totals of the gov-2021 sample, worked out when the sample was made, not by this program. */
    private static final String SAMPLE_COUNTY_2021_TOTALS = """
            2,20.1.rules,issued,0
            2,20.1.rules,repealed,0
            2,20.1.rules,in_force,0
            2,20.1.normative,issued,37
            2,20.1.normative,repealed,9
            2,20.1.normative,in_force,214
            2,20.5.licensing,decisions,48213
            2,20.6.penalty,decisions,3127
            2,20.6.coercion,decisions,211
            2,20.8.fees,amount,1873.4521
            3,1,natural,109
            3,1,commercial,9
            3,1,research,0
            3,1,nonprofit,1
            3,1,legal_service,1
            3,1,other,1
            3,1,total,121
            3,2,natural,3
            3,2,commercial,0
            3,2,research,0
            3,2,nonprofit,0
            3,2,legal_service,0
            3,2,other,0
            3,2,total,3
            3,3.1,natural,41
            3,3.1,commercial,3
            3,3.1,research,0
            3,3.1,nonprofit,1
            3,3.1,legal_service,0
            3,3.1,other,0
            3,3.1,total,45
            3,3.2,natural,12
            3,3.2,commercial,1
            3,3.2,research,0
            3,3.2,nonprofit,0
            3,3.2,legal_service,0
            3,3.2,other,0
            3,3.2,total,13
            3,3.3.1,natural,0
            3,3.3.1,commercial,0
            3,3.3.1,research,0
            3,3.3.1,nonprofit,0
            3,3.3.1,legal_service,0
            3,3.3.1,other,0
            3,3.3.1,total,0
            3,3.3.2,natural,1
            3,3.3.2,commercial,0
            3,3.3.2,research,0
            3,3.3.2,nonprofit,0
            3,3.3.2,legal_service,0
            3,3.3.2,other,0
            3,3.3.2,total,1
            3,3.3.3,natural,0
            3,3.3.3,commercial,0
            3,3.3.3,research,0
            3,3.3.3,nonprofit,0
            3,3.3.3,legal_service,0
            3,3.3.3,other,0
            3,3.3.3,total,0
            3,3.3.4,natural,2
            3,3.3.4,commercial,1
            3,3.3.4,research,0
            3,3.3.4,nonprofit,0
            3,3.3.4,legal_service,0
            3,3.3.4,other,0
            3,3.3.4,total,3
            3,3.3.5,natural,1
            3,3.3.5,commercial,0
            3,3.3.5,research,0
            3,3.3.5,nonprofit,0
            3,3.3.5,legal_service,0
            3,3.3.5,other,0
            3,3.3.5,total,1
            3,3.3.6,natural,2
            3,3.3.6,commercial,0
            3,3.3.6,research,0
            3,3.3.6,nonprofit,0
            3,3.3.6,legal_service,0
            3,3.3.6,other,0
            3,3.3.6,total,2
            3,3.3.7,natural,0
            3,3.3.7,commercial,0
            3,3.3.7,research,0
            3,3.3.7,nonprofit,0
            3,3.3.7,legal_service,0
            3,3.3.7,other,0
            3,3.3.7,total,0
            3,3.3.8,natural,5
            3,3.3.8,commercial,0
            3,3.3.8,research,0
            3,3.3.8,nonprofit,0
            3,3.3.8,legal_service,1
            3,3.3.8,other,0
            3,3.3.8,total,6
            3,3.4.1,natural,23
            3,3.4.1,commercial,2
            3,3.4.1,research,0
            3,3.4.1,nonprofit,0
            3,3.4.1,legal_service,0
            3,3.4.1,other,1
            3,3.4.1,total,26
            3,3.4.2,natural,6
            3,3.4.2,commercial,0
            3,3.4.2,research,0
            3,3.4.2,nonprofit,0
            3,3.4.2,legal_service,0
            3,3.4.2,other,0
            3,3.4.2,total,6
            3,3.4.3,natural,3
            3,3.4.3,commercial,0
            3,3.4.3,research,0
            3,3.4.3,nonprofit,0
            3,3.4.3,legal_service,0
            3,3.4.3,other,0
            3,3.4.3,total,3
            3,3.5.1,natural,2
            3,3.5.1,commercial,0
            3,3.5.1,research,0
            3,3.5.1,nonprofit,0
            3,3.5.1,legal_service,0
            3,3.5.1,other,0
            3,3.5.1,total,2
            3,3.5.2,natural,4
            3,3.5.2,commercial,0
            3,3.5.2,research,0
            3,3.5.2,nonprofit,0
            3,3.5.2,legal_service,0
            3,3.5.2,other,0
            3,3.5.2,total,4
            3,3.5.3,natural,0
            3,3.5.3,commercial,0
            3,3.5.3,research,0
            3,3.5.3,nonprofit,0
            3,3.5.3,legal_service,0
            3,3.5.3,other,0
            3,3.5.3,total,0
            3,3.5.4,natural,1
            3,3.5.4,commercial,0
            3,3.5.4,research,0
            3,3.5.4,nonprofit,0
            3,3.5.4,legal_service,0
            3,3.5.4,other,0
            3,3.5.4,total,1
            3,3.5.5,natural,0
            3,3.5.5,commercial,0
            3,3.5.5,research,0
            3,3.5.5,nonprofit,0
            3,3.5.5,legal_service,0
            3,3.5.5,other,0
            3,3.5.5,total,0
            3,3.6.1,natural,3
            3,3.6.1,commercial,0
            3,3.6.1,research,0
            3,3.6.1,nonprofit,0
            3,3.6.1,legal_service,0
            3,3.6.1,other,0
            3,3.6.1,total,3
            3,3.6.2,natural,0
            3,3.6.2,commercial,0
            3,3.6.2,research,0
            3,3.6.2,nonprofit,0
            3,3.6.2,legal_service,0
            3,3.6.2,other,0
            3,3.6.2,total,0
            3,3.6.3,natural,2
            3,3.6.3,commercial,1
            3,3.6.3,research,0
            3,3.6.3,nonprofit,0
            3,3.6.3,legal_service,0
            3,3.6.3,other,0
            3,3.6.3,total,3
            3,3.7,natural,108
            3,3.7,commercial,8
            3,3.7,research,0
            3,3.7,nonprofit,1
            3,3.7,legal_service,1
            3,3.7,other,1
            3,3.7,total,119
            3,4,natural,4
            3,4,commercial,1
            3,4,research,0
            3,4,nonprofit,0
            3,4,legal_service,0
            3,4,other,0
            3,4,total,5
            4,review,upheld,6
            4,review,corrected,1
            4,review,other,2
            4,review,pending,1
            4,review,total,10
            4,litigation_direct,upheld,3
            4,litigation_direct,corrected,0
            4,litigation_direct,other,1
            4,litigation_direct,pending,1
            4,litigation_direct,total,5
            4,litigation_after_review,upheld,2
            4,litigation_after_review,corrected,1
            4,litigation_after_review,other,0
            4,litigation_after_review,pending,0
            4,litigation_after_review,total,3
            """;

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SampleCounty2021 {

        private Path output;

        private JobRunner.Run run;

        @BeforeAll
        void runTheJob(@TempDir Path dir) {
            output = dir.resolve("out");
            run = new JobRunner().run("--job=jobs/sample-county-2021.yml", "--output=" + output);
        }

        @Test
        void itCompletes() {
            assertThat(run.exitStatus()).as(run.err()).isZero();
        }

        @Test
        void itConsolidatesItsOwnTemplate() {
            Map<String, BigDecimal> expected = new LinkedHashMap<>();
            SAMPLE_COUNTY_2021_TOTALS.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(line -> {
                int last = line.lastIndexOf(',');
                expected.put(line.substring(0, last), new BigDecimal(line.substring(last + 1)));
            });
            Map<String, BigDecimal> consolidated = JobRunner.cells(output.resolve("consolidated.csv"));
            assertThat(expected).hasSize(200);
            assertThat(consolidated.keySet()).containsExactlyElementsOf(expected.keySet());
            expected.forEach((cell, value) -> assertThat(consolidated.get(cell)).as(cell).isEqualByComparingTo(value));
        }

        @Test
        void everyUnitIsAccepted() {
            assertThat(JobRunner.readCsv(output.resolve("status.csv"))).hasSize(7)
                    .allSatisfy(line -> assertThat(line.get("status")).isEqualTo("accepted"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Sample2020Problems {

        private final Path folder = Path.of("input/sample-2020-problems/submissions");

        private Path output;

        private final JobRunner runner = new JobRunner();
        private JobRunner.Run run;

        @BeforeAll
        void runTheJob(@TempDir Path dir) {
            output = dir.resolve("out");
            run = runner.run("--job=jobs/sample-2020-problems.yml", "--output=" + output);
        }

        @Test
        void itEndsIncompleteAndSaysWhy() {
            assertThat(run.exitStatus()).as(run.err()).isEqualTo(3);
            assertThat(run.out()).contains("接收 3，退回 2，未报送 1，无法识别 1").contains("退出状态 3");
        }

        @Test
        void theStatusListNamesEveryUnitAndEveryFile() throws Exception {
            assertThat(JobRunner.readCsv(output.resolve("status.csv")))
                    .extracting(l -> l.get("code"), l -> l.get("name"), l -> l.get("group"), l -> l.get("status"),
                            l -> l.get("errors"), l -> l.get("warnings"), l -> l.get("file"), l -> l.get("sha256"))
                    .containsExactly(
                            tuple("qiaocheng", "谯城区人民政府", "县区", "accepted", "0", "0", "qiaocheng.csv",
                                    sha256(folder.resolve("qiaocheng.csv"))),
                            tuple("guoyang", "涡阳县人民政府", "县区", "rejected", "2", "0", "guoyang.csv",
                                    sha256(folder.resolve("guoyang.csv"))),
                            tuple("mengcheng", "蒙城县人民政府", "县区", "missing", "1", "0", "", ""),
                            tuple("lixin", "利辛县人民政府", "县区", "accepted", "0", "0", "lixin.csv",
                                    sha256(folder.resolve("lixin.csv"))),
                            tuple("sz-gongan", "亳州市公安局", "市直部门", "rejected", "2", "0", "sz-gongan.csv",
                                    sha256(folder.resolve("sz-gongan.csv"))),
                            tuple("sz-jiaoyu", "亳州市教育局", "市直部门", "accepted", "0", "1", "sz-jiaoyu.csv",
                                    sha256(folder.resolve("sz-jiaoyu.csv"))),
                            tuple("蒙城县2020年报", "", "", "unknown", "1", "0", "蒙城县2020年报.csv",
                                    sha256(folder.resolve("蒙城县2020年报.csv"))));
        }

        @Test
        void theFindingsSayExactlyWhatToFix() {
            assertThat(JobRunner.readCsv(output.resolve("findings.csv")))
                    .extracting(l -> l.get("unit"), l -> l.get("file"), l -> l.get("severity"), l -> l.get("rule"),
                            l -> l.get("table"), l -> l.get("row"), l -> l.get("column"), l -> l.get("expected"),
                            l -> l.get("actual"), l -> l.get("message"))
                    .containsExactly(
                            tuple("guoyang", "guoyang.csv", "error", "balance", "3", "3.7+4", "natural", "24", "27",
                                    "表三 自然人列：第一项加第二项之和为 24，第三项（七）总计加第四项之和为 27，两者应相等"),
                            tuple("guoyang", "guoyang.csv", "error", "balance", "3", "3.7+4", "total", "26", "29",
                                    "表三 总计列：第一项加第二项之和为 26，第三项（七）总计加第四项之和为 29，两者应相等"),
                            tuple("mengcheng", "", "error", "missing", "", "", "", "", "",
                                    "未收到报送文件 mengcheng.csv：请将本单位的报表以该文件名放入报送文件夹"),
                            tuple("sz-gongan", "sz-gongan.csv", "error", "results-total", "3", "3.7", "natural", "23",
                                    "17", "表三 第（七）项总计·自然人：应为 23（第（一）至（六）项之和），填报为 17"),
                            tuple("sz-gongan", "sz-gongan.csv", "error", "results-total", "3", "3.7", "total", "23",
                                    "17", "表三 第（七）项总计·总计：应为 23（第（一）至（六）项之和），填报为 17"),
                            tuple("sz-jiaoyu", "sz-jiaoyu.csv", "warning", "empty-value", "3", "3.3.7", "natural", "0",
                                    "", "第 94 行：表三 第三项（三）不予公开·7.属于行政执法案卷·自然人 未填写，已按 0 计入（本任务设置了 blank-as-zero）"),
                            tuple("蒙城县2020年报", "蒙城县2020年报.csv", "error", "unknown", "", "", "", "", "",
                                    "文件名“蒙城县2020年报.csv”不是“单位代码.csv”或“单位代码.xlsx”，或该代码不在单位名录中，未予汇总；"
                                            + "请按名录中的单位代码命名后重新报送"));
        }

        /** The totals are the accepted units' files added up, and nothing else. */
        @Test
        void theTotalsAreTheAcceptedFilesAddedUp() {
            Map<String, BigDecimal> expected = new LinkedHashMap<>();
            // a blank counts as 0: the job sets blank-as-zero
            for (String accepted : List.of("qiaocheng", "lixin", "sz-jiaoyu")) {
                for (Map<String, String> line : JobRunner.readCsv(folder.resolve(accepted + ".csv"))) {
                    expected.merge(line.get("table") + "," + line.get("row") + "," + line.get("column"),
                            line.get("value").isEmpty() ? BigDecimal.ZERO : new BigDecimal(line.get("value")),
                            BigDecimal::add);
                }
            }
            Map<String, BigDecimal> consolidated = JobRunner.cells(output.resolve("consolidated.csv"));
            assertThat(consolidated.keySet()).containsExactlyElementsOf(expected.keySet());
            expected.forEach((cell, value) -> assertThat(consolidated.get(cell)).as(cell).isEqualByComparingTo(value));
            assertThat(consolidated.get("3,1,total")).isEqualByComparingTo("90");
        }

        @Test
        void theRunIsRecordedIncompleteWithItsCounts() {
            assertThat(runner.query("SELECT outcome, units_expected, units_accepted, units_rejected, units_missing, "
                    + "units_unknown FROM consolidation_run"))
                    .extracting(r -> r.values().stream().map(String::valueOf).toList())
                    .containsExactly(List.of("incomplete", "6", "3", "2", "1", "1"));
        }

        @Test
        void theFindingsAreKeptInTheDatabase() {
            assertThat(runner.query("SELECT rule, COUNT(*) AS n FROM finding GROUP BY rule ORDER BY rule"))
                    .extracting(r -> r.get("rule") + "=" + r.get("n"))
                    .containsExactly("balance=2", "empty-value=1", "missing=1", "results-total=2", "unknown=1");
        }
    }

    /** Two jobs run one after the other into one database, as an office's nights do. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TwoJobsInOneDatabase {

        private Path output;

        private final JobRunner runner = new JobRunner();
        private JobRunner.Run problems;
        private JobRunner.Run bozhou;
        private List<String> queries;

        @BeforeAll
        void runBothJobs(@TempDir Path dir) throws IOException {
            output = dir.resolve("out");
            problems = runner.run("--job=jobs/sample-2020-problems.yml", "--output=" + output);
            bozhou = runner.run("--job=jobs/bozhou-2020.yml", "--output=" + output);
            queries = readmeSql();
        }

        @Test
        void bothRunsEndWithTheirOwnStatus() {
            assertThat(problems.exitStatus()).as(problems.err()).isEqualTo(3);
            assertThat(bozhou.exitStatus()).as(bozhou.err()).isZero();
        }

        @Test
        void everyRunIsKept() {
            assertThat(runner.query("SELECT job_name, outcome FROM consolidation_run ORDER BY run_id"))
                    .extracting(r -> r.get("job_name") + ":" + r.get("outcome"))
                    .containsExactly("sample-2020-problems:incomplete", "bozhou-2020:complete");
        }

        @Test
        void everyBatchExecutionIsKept() {
            assertThat(runner.query("SELECT COUNT(*) AS n FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'")
                    .get(0).get("n")).isEqualTo(2L);
        }

        @Test
        void everySubmissionOfEveryRunIsKept() {
            assertThat(runner.query("SELECT COUNT(*) AS n FROM submission").get(0).get("n")).isEqualTo(7L + 13L);
        }

        @Test
        void theReadmeGivesFourQueries() {
            assertThat(queries).hasSize(4);
        }

        /** The SQL the README gives for the latest totals answers right. */
        @Test
        void theReadmeQueryForTheLatestTotalsAnswersRight() {
            List<Map<String, Object>> totals = runner.query(queries.get(0));
            assertThat(totals).hasSize(198);
            assertThat(totals.get(22)).containsEntry("row_code", "1").containsEntry("column_code", "natural");
            assertThat((BigDecimal) totals.get(22).get("cell_value")).isEqualByComparingTo("265");
        }

        @Test
        void theReadmeQueryForTheLatestStatusAnswersRight() {
            List<Map<String, Object>> status = runner.query(queries.get(1));
            assertThat(status).hasSize(13).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("accepted"));
        }

        @Test
        void theReadmeQueryForTheRunHistoryAnswersRight() {
            List<Map<String, Object>> history = runner.query(queries.get(2));
            assertThat(history).extracting(row -> row.get("outcome"), row -> row.get("executions"))
                    .containsExactly(tuple("complete", 1L));
            assertThat((String) history.get(0).get("fingerprint")).hasSize(64);
        }

        @Test
        void theReadmeQueryForTheRunHistoryAnswersForAnotherJob() {
            assertThat(runner.query(queries.get(2).replace("'bozhou-2020'", "'sample-2020-problems'")))
                    .extracting(row -> row.get("outcome"), row -> row.get("units_missing"))
                    .containsExactly(tuple("incomplete", 1));
        }

        @Test
        void theReadmeQueryForTheExecutionsAnswersRight() {
            assertThat(runner.query(queries.get(3))).extracting(row -> row.get("status"))
                    .containsExactly("COMPLETED", "COMPLETED");
        }
    }

    private static List<String> readmeSql() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        return java.util.regex.Pattern.compile("```sql\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(readme)
                .results().map(m -> m.group(1).strip().replaceAll(";$", "")).toList();
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-year rules of docs/rules.md, group subtotals, and consolidation level by level. */
class LastYearAndLevelsTest {

    @TempDir
    Path dir;

    private final JobRunner runner = new JobRunner();

    private static Map<String, BigDecimal> sum(List<Path> files) {
        Map<String, BigDecimal> sum = new LinkedHashMap<>();
        for (Path file : files) {
            JobRunner.cells(file).forEach((cell, value) -> sum.merge(cell, value, BigDecimal::add));
        }
        return sum;
    }

    private static void assertSameCells(Map<String, BigDecimal> actual, Map<String, BigDecimal> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((cell, value) -> assertThat(actual.get(cell)).as(cell).isEqualByComparingTo(value));
    }

    private static List<Path> files(Path folder, String... codes) {
        return Stream.of(codes).map(code -> folder.resolve(code + ".csv")).toList();
    }

    @Test
    void groupSubtotalsAndUngroupedUnitsAddUpToTheCityTotal() throws IOException {
        // two departments lose their group: they count in the total, in no subtotal
        Path units = dir.resolve("units.csv");
        Files.writeString(units, Files.readString(Path.of("input/bozhou-2020/units.csv"))
                .replace("sz-jiaoyu,亳州市教育局,市直部门", "sz-jiaoyu,亳州市教育局,")
                .replace("sz-weijian,亳州市卫生健康委员会,市直部门", "sz-weijian,亳州市卫生健康委员会,"), StandardCharsets.UTF_8);
        Path output = dir.resolve("output");

        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--units=" + units, "--output=" + output).exitStatus())
                .isZero();

        Path input = Path.of("input/bozhou-2020/submissions");
        try (Stream<Path> groups = Files.list(output.resolve("groups"))) {
            assertThat(groups.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("县区.csv", "市直部门.csv");
        }
        assertSameCells(JobRunner.cells(output.resolve("groups/县区.csv")),
                sum(files(input, "qiaocheng", "guoyang", "mengcheng", "lixin")));
        assertSameCells(JobRunner.cells(output.resolve("groups/市直部门.csv")), sum(files(input, "sz-bangongshi",
                "sz-gongan", "sz-ziranziyuan", "sz-renshe", "sz-zhujian", "sz-shichangjianguan", "sz-shengtai")));
        Map<String, BigDecimal> groupsAndUngrouped = sum(List.of(output.resolve("groups/县区.csv"),
                output.resolve("groups/市直部门.csv"), input.resolve("sz-jiaoyu.csv"), input.resolve("sz-weijian.csv")));
        assertSameCells(JobRunner.cells(output.resolve("consolidated.csv")), groupsAndUngrouped);
    }

    @Test
    void consolidatingLevelByLevelGivesTheTotalsOfConsolidatingEveryUnitAtOnce() throws IOException {
        Path county = dir.resolve("county");
        Path city = dir.resolve("city");
        assertThat(runner.run("--job=jobs/sample-county-2021.yml", "--output=" + county).exitStatus()).isZero();
        // the city takes the county's output as it is: the bundled copy is byte for byte what the county writes
        assertThat(Files.readAllBytes(Path.of("input/multilevel-city-2021/submissions/sample-county.csv")))
                .isEqualTo(Files.readAllBytes(county.resolve("consolidated.csv")));
        Path cityInput = dir.resolve("city-submissions");
        Files.createDirectories(cityInput);
        Files.copy(county.resolve("consolidated.csv"), cityInput.resolve("sample-county.csv"));
        Files.copy(Path.of("input/multilevel-city-2021/submissions/shi-jiaoyu.csv"), cityInput.resolve("shi-jiaoyu.csv"));
        Files.copy(Path.of("input/multilevel-city-2021/submissions/shi-minzheng.csv"),
                cityInput.resolve("shi-minzheng.csv"));
        assertThat(runner.run("--job=jobs/multilevel-city-2021.yml", "--submissions=" + cityInput, "--output=" + city)
                .exitStatus()).isZero();

        // every unit of both levels in one job
        Path everyUnit = dir.resolve("every-unit");
        Files.createDirectories(everyUnit);
        StringBuilder registry = new StringBuilder("code,name,group\n");
        for (Path folder : List.of(Path.of("input/sample-county-2021/submissions"),
                Path.of("input/multilevel-city-2021/submissions"))) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    String code = file.getFileName().toString().replace(".csv", "");
                    if (!code.equals("sample-county")) {
                        Files.copy(file, everyUnit.resolve(file.getFileName()));
                        registry.append(code).append(",单位 ").append(code).append(",\n");
                    }
                }
            }
        }
        Files.writeString(dir.resolve("every-unit.csv"), registry, StandardCharsets.UTF_8);
        Path atOnce = dir.resolve("at-once");
        assertThat(runner.run("--job=jobs/multilevel-city-2021.yml", "--units=" + dir.resolve("every-unit.csv"),
                "--submissions=" + everyUnit, "--output=" + atOnce).exitStatus()).isZero();

        assertThat(JobRunner.readCsv(atOnce.resolve("status.csv"))).hasSize(9);
        assertSameCells(JobRunner.cells(city.resolve("consolidated.csv")), JobRunner.cells(atOnce.resolve("consolidated.csv")));
        assertThat(Files.readAllBytes(city.resolve("consolidated.csv")))
                .isEqualTo(Files.readAllBytes(atOnce.resolve("consolidated.csv")));
    }

    /** A gov-2019 year followed by a gov-2021 year: rows 2 and 4 of table 3 exist in both. */
    @Test
    void carryOverIsCheckedPerUnitAndForTheCityAcrossTemplates() throws IOException {
        Path lastYear = dir.resolve("2020");
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + lastYear).exitStatus()).isZero();
        Path submissions = dir.resolve("2021");
        Files.createDirectories(submissions);
        StringBuilder registry = new StringBuilder("code,name,group\n");
        Map<String, Long> carriedForward = new LinkedHashMap<>();
        for (String code : List.of("qiaocheng", "guoyang", "mengcheng", "lixin")) {
            SampleSubmission last = SampleSubmission.of(Path.of("input/bozhou-2020/submissions", code + ".csv"));
            carriedForward.put(code, last.number("3", "4", "natural"));
            registry.append(code).append(",县 ").append(code).append(",县区\n");
        }
        registry.append("sz-new,新设立的局,市直部门\n");
        Files.writeString(dir.resolve("units-2021.csv"), registry, StandardCharsets.UTF_8);
        // each county's 2021 file carries in what it carried forward in 2020, except 蒙城县, one too few
        for (String code : carriedForward.keySet()) {
            long carried = carriedForward.get(code) - (code.equals("mengcheng") ? 1 : 0);
            Files.write(submissions.resolve(code + ".csv"), withCarriedIn(carried).bytes());
        }
        Files.write(submissions.resolve("sz-new.csv"), withCarriedIn(0).bytes());
        long mengcheng = carriedForward.get("mengcheng");
        assertThat(mengcheng).as("the sample carries something forward in 蒙城县").isPositive();

        JobRunner.Run run = runner.run("--job=jobs/sample-county-2021.yml", "--units=" + dir.resolve("units-2021.csv"),
                "--submissions=" + submissions, "--previous=" + lastYear, "--output=" + dir.resolve("out-2021"));

        assertThat(run.exitStatus()).as(run.err()).isZero();
        List<Map<String, String>> findings = JobRunner.readCsv(dir.resolve("out-2021/findings.csv"));
        assertThat(findings).filteredOn(f -> f.get("rule").equals("carry-over"))
                .extracting(f -> f.get("unit"), f -> f.get("severity"), f -> f.get("row"), f -> f.get("column"),
                        f -> f.get("expected"), f -> f.get("actual"))
                .contains(tuple("mengcheng", "warning", "2", "natural", Long.toString(mengcheng),
                        Long.toString(mengcheng - 1)))
                .noneMatch(t -> List.of("qiaocheng", "guoyang", "lixin").contains(t.toArray()[0]));
        // the city: 2021 carried in one less than 2020 carried forward, by the four counties; the city
        // departments of 2020 carried forward what no 2021 unit carries in
        assertThat(findings).filteredOn(f -> f.get("unit").equals("consolidated") && f.get("rule").equals("carry-over")
                && f.get("column").equals("natural")).extracting(f -> f.get("message")).singleElement().asString()
                .startsWith("合计：表三 第二项（上年结转）·自然人：应为 2（上年报表第四项（结转下年度）），填报为 ");
        assertThat(findings).filteredOn(f -> f.get("rule").equals("no-previous"))
                .extracting(f -> f.get("unit"), f -> f.get("severity")).containsExactly(tuple("sz-new", "warning"));
        assertThat(findings).as("gov-2019 has no in_force to compare with").noneMatch(f -> f.get("rule").equals("in-force"));
        assertThat(JobRunner.readCsv(dir.resolve("out-2021/comparison.csv")))
                .filteredOn(l -> l.get("table").equals("3") && l.get("row").equals("4") && l.get("column").equals("total"))
                .extracting(l -> l.get("last_year")).containsExactly("2");
        assertThat(JobRunner.readCsv(dir.resolve("out-2021/comparison.csv")))
                .filteredOn(l -> l.get("row").equals("3.6.1")).extracting(l -> l.get("last_year")).containsOnly("");
    }

    private static SampleSubmission withCarriedIn(long natural) {
        // a valid gov-2021 unit whose row 2 natural is {@code natural}: the difference goes to row 1
        SampleSubmission s = SampleSubmission.gov2021();
        long delta = natural - s.number("3", "2", "natural");
        return s.plus("3", "2", "natural", delta).plus("3", "2", "total", delta)
                .plus("3", "1", "natural", -delta).plus("3", "1", "total", -delta);
    }

    @Test
    void identicalDataAndInForceAreCheckedBetweenTwoGov2021Years() throws IOException {
        Path lastYear = dir.resolve("2021");
        assertThat(runner.run("--job=jobs/sample-county-2021.yml", "--output=" + lastYear).exitStatus()).isZero();

        JobRunner.Run again = runner.run("--job=jobs/sample-county-2021.yml", "--year=2022",
                "--previous=" + lastYear, "--output=" + dir.resolve("2022"));

        assertThat(again.exitStatus()).isZero();
        List<Map<String, String>> findings = JobRunner.readCsv(dir.resolve("2022/findings.csv"));
        assertThat(findings).filteredOn(f -> f.get("rule").equals("identical-to-last-year"))
                .extracting(f -> f.get("unit")).containsExactly("xian-bangongshi", "xian-gongan", "xian-ziranziyuan",
                        "xian-renshe", "chengguan", "xinxing", "shuangqiao", "consolidated");
        SampleSubmission chengguan = SampleSubmission.gov2021();
        long inForce = chengguan.number("2", "20.1.normative", "in_force");
        long issued = chengguan.number("2", "20.1.normative", "issued");
        long repealed = chengguan.number("2", "20.1.normative", "repealed");
        if (issued != repealed) {
            assertThat(findings).filteredOn(f -> f.get("unit").equals("chengguan") && f.get("rule").equals("in-force"))
                    .extracting(f -> f.get("row"), f -> f.get("expected"), f -> f.get("actual"))
                    .contains(tuple("20.1.normative", Long.toString(inForce + issued - repealed), Long.toString(inForce)));
        }
    }

    @Test
    void aUnitCodeStartingWithAMinusIsNeutralisedAndStillFoundNextYear() throws IOException {
        Path units = dir.resolve("units.csv");
        Path submissions = dir.resolve("submissions");
        Files.createDirectories(submissions);
        Files.writeString(units, "code,name,group\n-minus,以减号开头的单位,\n", StandardCharsets.UTF_8);
        Files.write(submissions.resolve("-minus.csv"), SampleSubmission.gov2019().bytes());
        Path lastYear = dir.resolve("2020");
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--units=" + units, "--submissions=" + submissions,
                "--output=" + lastYear).exitStatus()).isZero();
        assertThat(Files.readAllLines(lastYear.resolve("accepted-values.csv")).get(1)).startsWith("'-minus,");

        JobRunner.Run next = runner.run("--job=jobs/bozhou-2020.yml", "--year=2021", "--units=" + units,
                "--submissions=" + submissions, "--previous=" + lastYear, "--output=" + dir.resolve("2021"));

        assertThat(next.exitStatus()).isZero();
        assertThat(JobRunner.readCsv(dir.resolve("2021/findings.csv"))).extracting(f -> f.get("unit") + ":" + f.get("rule"))
                .contains("'-minus:identical-to-last-year").doesNotContain("'-minus:no-previous");
    }

    @Test
    void missingLastYearIsANoteNotACrash() {
        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--previous=" + dir.resolve("no-such-year"),
                "--output=" + dir.resolve("out"));

        assertThat(run.exitStatus()).isZero();
        assertThat(JobRunner.readCsv(dir.resolve("out/findings.csv"))).extracting(f -> f.get("unit"), f -> f.get("rule"))
                .containsExactly(tuple("consolidated", "no-previous"));
    }

    @Test
    void aBlankFormHasEveryCellAndLastYearsCarriedForwardRow() throws IOException {
        Path lastYear = dir.resolve("2020");
        assertThat(runner.run("--job=jobs/bozhou-2020.yml", "--output=" + lastYear).exitStatus()).isZero();
        Path form = dir.resolve("mengcheng.csv");

        JobRunner.Run run = runner.run("blank", "--template=gov-2021", "--unit=mengcheng", "--previous=" + lastYear,
                "--output=" + form);

        assertThat(run.exitStatus()).as(run.err()).isZero();
        List<Map<String, String>> lines = JobRunner.readCsv(form);
        assertThat(lines).hasSize(200);
        SampleSubmission last = SampleSubmission.of(Path.of("input/bozhou-2020/submissions/mengcheng.csv"));
        assertThat(lines).filteredOn(l -> l.get("table").equals("3") && l.get("row").equals("2"))
                .extracting(l -> l.get("column"), l -> l.get("value"))
                .containsExactly(tuple("natural", last.value("3", "4", "natural")),
                        tuple("commercial", last.value("3", "4", "commercial")),
                        tuple("research", last.value("3", "4", "research")),
                        tuple("nonprofit", last.value("3", "4", "nonprofit")),
                        tuple("legal_service", last.value("3", "4", "legal_service")),
                        tuple("other", last.value("3", "4", "other")),
                        tuple("total", last.value("3", "4", "total")));
        assertThat(lines).filteredOn(l -> !(l.get("table").equals("3") && l.get("row").equals("2")))
                .allSatisfy(l -> assertThat(l.get("value")).isEmpty());
        assertThat(lines.get(0).get("label")).isEqualTo("表二 第二十条第（一）项 规章·本年制发件数");

        Path plain = dir.resolve("new-unit.csv");
        assertThat(runner.run("blank", "--template=gov-2019", "--unit=new-unit", "--output=" + plain).exitStatus())
                .isZero();
        assertThat(JobRunner.readCsv(plain)).hasSize(198).allSatisfy(l -> assertThat(l.get("value")).isEmpty());
    }
}

package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same program on PostgreSQL instead of H2: schema by Flyway, the job, the rerun check and
 * the README's queries. .ci/run starts a local server and names it in CONSOLIDATOR_TEST_POSTGRES.
 */
class PostgresIT {

    private static final String URL = System.getenv("CONSOLIDATOR_TEST_POSTGRES");

    @TempDir
    Path dir;

    @BeforeAll
    static void serverIsThere() {
        Assumptions.assumeTrue(URL != null || System.getenv("CI") != null,
                "no PostgreSQL named in CONSOLIDATOR_TEST_POSTGRES (jdbc:postgresql://host/db?user=…&password=…)");
        assertThat(URL).as("CI must provide a PostgreSQL server").isNotNull();
    }

    private int run(String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--spring.datasource.url=" + URL)).toArray(String[]::new);
        return ConsolidatorApplication.run(System.out, System.err, all);
    }

    @Test
    void theSampleConsolidatesOnPostgresqlAsOnH2() throws Exception {
        assertThat(run("--job=jobs/bozhou-2020.yml", "--output=" + dir.resolve("out"), "--force")).isZero();
        assertThat(run("--job=jobs/bozhou-2020.yml", "--output=" + dir.resolve("out"))).isZero();

        Map<String, BigDecimal> golden = JobRunner.cells(Path.of("src/test/resources/golden/bozhou-2020-city.csv"));
        Map<String, BigDecimal> consolidated = JobRunner.cells(dir.resolve("out/consolidated.csv"));
        golden.forEach((cell, value) -> assertThat(consolidated.get(cell)).as(cell).isEqualByComparingTo(value));
        try (Connection c = DriverManager.getConnection(URL);
                ResultSet rs = c.createStatement().executeQuery("SELECT v.cell_value FROM consolidated_value v "
                        + "WHERE v.run_id = (SELECT MAX(r.run_id) FROM consolidation_run r WHERE r.job_name = 'bozhou-2020' "
                        + "AND r.outcome IS NOT NULL) AND v.table_code = '3' AND v.row_code = '1' AND v.column_code = 'total'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("276");
        }
    }

    /** bin/consolidator runs the job on the context Spring AOT made at build time with H2's defaults. */
    @Test
    void theBuildTimeContextOfTheLauncherRunsOnPostgresqlToo() {
        System.setProperty("spring.aot.enabled", "true");
        try {
            assertThat(run("--job=jobs/bozhou-2020.yml", "--output=" + dir.resolve("out"), "--force")).isZero();
        } finally {
            System.clearProperty("spring.aot.enabled");
        }
        assertThat(JobRunner.readCsv(dir.resolve("out/status.csv"))).hasSize(13);
    }

    @Test
    void theProblemsSampleIsIncompleteOnPostgresqlToo() {
        assertThat(run("--job=jobs/sample-2020-problems.yml", "--output=" + dir.resolve("out"), "--force")).isEqualTo(3);
        assertThat(JobRunner.readCsv(dir.resolve("out/findings.csv"))).extracting(f -> f.get("rule"))
                .containsExactly("balance", "balance", "missing", "results-total", "results-total", "empty-value",
                        "unknown");
    }
}

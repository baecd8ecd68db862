package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zwgk.consolidator.output.OutputFolder;

/**
 * A real run of the packaged jar, killed with SIGKILL part-way through a large input: the next
 * run recognises the dead execution, finishes the work, and writes exactly what a clean run writes.
 */
class CrashRecoveryIT {

    private static final int UNITS = 12_000;

    @TempDir
    Path dir;

    @Test
    void aRunKilledPartWayIsFinishedByTheNextRunWithTheSameOutputsAndNoDuplicates() throws Exception {
        Path job = LargeInput.write(dir.resolve("input"), UNITS);
        String database = PackagedJar.h2(dir);

        Process first = PackagedJar.start(dir.resolve("first.log"), "--job=" + job,
                "--spring.datasource.url=" + database);
        waitForProgress(dir.resolve("first.log"), first);
        first.destroyForcibly().waitFor();
        long committed;
        try (Connection c = DriverManager.getConnection(database, "sa", "")) {
            committed = number(c, "SELECT COUNT(*) FROM submission");
        }
        assertThat(committed).as("killed part-way").isPositive().isLessThan(UNITS);
        assertThat(dir.resolve("input/output")).as("nothing published by the killed run").doesNotExist();

        int second = PackagedJar.run(dir.resolve("second.log"), "--job=" + job, "--spring.datasource.url=" + database);
        assertThat(second).as(PackagedJar.read(dir.resolve("second.log"))).isZero();
        assertThat(PackagedJar.read(dir.resolve("second.log"))).contains("上次未正常结束");
        try (Stream<Path> left = Files.list(dir.resolve("input/.output.consolidator"))) {
            assertThat(left).extracting(p -> p.getFileName().toString()).as("no leftovers of the killed run")
                    .containsExactlyInAnyOrder(OutputFolder.MARKER, "lock", OutputFolder.FINGERPRINTS,
                            OutputFolder.OUTPUT_RECORD, "run-1");
        }
        assertThat(Files.readSymbolicLink(dir.resolve("input/output"))).isEqualTo(Path.of(".output.consolidator/run-1"));

        int clean = PackagedJar.run(dir.resolve("clean.log"), "--job=" + job, "--output=" + dir.resolve("clean"),
                "--spring.datasource.url=" + PackagedJar.h2(dir.resolve("clean-db")));
        assertThat(clean).isZero();
        for (String file : List.of("consolidated.csv", "status.csv", "findings.csv", "accepted-values.csv",
                "groups/第7组.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("input/output").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("clean").resolve(file)));
        }

        try (Connection c = DriverManager.getConnection(database, "sa", "")) {
            assertThat(number(c, "SELECT COUNT(*) FROM submission")).isEqualTo(UNITS);
            assertThat(number(c, "SELECT COUNT(DISTINCT ordinal) FROM submission")).isEqualTo(UNITS);
            assertThat(number(c, "SELECT COUNT(*) FROM finding")).isZero();
            assertThat(number(c, "SELECT COUNT(*) FROM partial_total")).as("one set of partial sums a chunk")
                    .isEqualTo((UNITS / 1000) * 198L);
            assertThat(number(c, "SELECT COUNT(*) FROM consolidated_value")).isEqualTo(198);
            assertThat(number(c, "SELECT COUNT(*) FROM consolidation_run")).isEqualTo(1);
            assertThat(number(c, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
            assertThat(number(c, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'FAILED'")).isEqualTo(1);
            assertThat(number(c, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'")).isEqualTo(1);
        }

        int third = PackagedJar.run(dir.resolve("third.log"), "--job=" + job, "--spring.datasource.url=" + database);
        assertThat(third).isZero();
        assertThat(PackagedJar.read(dir.resolve("third.log"))).contains("up to date since run");
    }

    /** Waits until the running program reports its first committed chunk. */
    private static void waitForProgress(Path log, Process process) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the run ended before it could be killed: " + PackagedJar.read(log));
            }
            if (Files.exists(log) && PackagedJar.read(log).contains("进度：已读")) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no chunk was committed within two minutes");
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

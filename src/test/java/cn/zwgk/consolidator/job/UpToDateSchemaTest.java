package cn.zwgk.consolidator.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Flyway starts only when the schema is behind the program's migrations (issue 11). */
class UpToDateSchemaTest {

    @TempDir
    Path dir;

    private final AtomicInteger migrations = new AtomicInteger();

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("consolidator") + ";WRITE_DELAY=0";
    }

    /** Flyway as application.properties sets it up for H2, counting the times it is asked to migrate. */
    private Flyway flyway(String target) {
        FluentConfiguration configuration = Flyway.configure().dataSource(url(), "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2");
        if (target != null) {
            configuration.target(target);
        }
        return new Flyway(configuration) {
            @Override
            public MigrateResult migrate() {
                migrations.incrementAndGet();
                return super.migrate();
            }
        };
    }

    private void migrateAsTheProgramDoes() {
        new DatabaseGuardConfig().migrateOnlyOurDatabase().migrate(flyway(null));
    }

    private Map<String, Integer> applied() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT \"script\", \"checksum\" FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'")) {
            Map<String, Integer> applied = new java.util.TreeMap<>();
            while (rows.next()) {
                applied.put(rows.getString(1), rows.getInt(2));
            }
            return applied;
        }
    }

    @Test
    void aFreshDatabaseIsMigrated() throws SQLException {
        migrateAsTheProgramDoes();

        assertThat(migrations).hasValue(1);
        assertThat(applied()).containsOnlyKeys(DatabaseGuardConfig.scriptsFor(flyway(null).getConfiguration()).keySet());
    }

    @Test
    void aDatabaseOneMigrationBehindIsMigrated() throws SQLException {
        flyway("3").migrate();
        assertThat(applied()).doesNotContainKey("V4__portal.sql");
        migrations.set(0);

        migrateAsTheProgramDoes();

        assertThat(migrations).hasValue(1);
        assertThat(applied()).containsKey("V4__portal.sql");
    }

    @Test
    void aCurrentDatabaseIsLeftWithoutStartingFlyway() throws SQLException {
        flyway(null).migrate();
        migrations.set(0);

        migrateAsTheProgramDoes();

        assertThat(migrations).hasValue(0);
    }

    /** The checksums are computed as Flyway computes them: equal to those it recorded itself. */
    @Test
    void theScriptsChecksumsAreFlywaysOwn() throws SQLException {
        flyway(null).migrate();

        assertThat(DatabaseGuardConfig.scriptsFor(flyway(null).getConfiguration())).isEqualTo(applied());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 WHERE \"script\" = 'V2__consolidation_tables.sql'",
        "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"script\" = 'V4__portal.sql'",
        "DELETE FROM \"flyway_schema_history\" WHERE \"script\" = 'V4__portal.sql'",
        "INSERT INTO \"flyway_schema_history\" SELECT 99, '0', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>',"
            + " NULL, 'sa', CURRENT_TIMESTAMP, 0, TRUE FROM DUAL",
        "DROP TABLE \"flyway_schema_history\""})
    void anythingUnusualInTheHistoryLeavesTheDecisionToFlyway(String change) throws SQLException {
        flyway(null).migrate();
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute(change);

            assertThat(DatabaseGuard.isCurrent(connection, "flyway_schema_history",
                    DatabaseGuardConfig.scriptsFor(flyway(null).getConfiguration()))).isFalse();
        }
    }

    @Test
    void scriptsFlywayWouldTreatOtherwiseLeaveTheDecisionToFlyway() {
        assertThat(DatabaseGuardConfig.scriptsFor(Flyway.configure().dataSource(url(), "sa", "")
                .locations("classpath:db/migration/common").target("3").load().getConfiguration())).isNull();
        assertThat(DatabaseGuardConfig.scriptsFor(Flyway.configure().dataSource(url(), "sa", "")
                .locations("filesystem:src/main/resources/db/migration/common").load().getConfiguration())).isNull();
        assertThat(DatabaseGuardConfig.scriptsFor(Flyway.configure().dataSource(url(), "sa", "")
                .locations("classpath:db/migration/common").schemas("OTHER").load().getConfiguration())).isNull();
        // a migration written in Java has no script this check could compare
        assertThat(DatabaseGuardConfig.scriptsFor(Flyway.configure().dataSource(url(), "sa", "")
                .locations("classpath:db/migration/common").javaMigrations(new V99__InJava()).load().getConfiguration())).isNull();
    }

    /** The check holds for Flyway as Spring Boot sets it up from application.properties, not only as above. */
    @Test
    void theProgramsSecondRunOnTheSameDatabaseDoesNotStartFlyway() throws java.io.IOException {
        cn.zwgk.consolidator.JobRunner runner = new cn.zwgk.consolidator.JobRunner();
        Path log = dir.resolve("log").resolve("consolidator.log");
        String[] args = {"--job=jobs/bozhou-2020.yml", "--output=" + dir.resolve("output"), "--logging.file.name=" + log};
        assertThat(runner.run(args).exitStatus()).isZero();
        assertThat(java.nio.file.Files.readString(log)).doesNotContain(DatabaseGuardConfig.SCHEMA_CURRENT);

        String[] again = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--force"))
                .toArray(String[]::new);
        assertThat(runner.run(again).exitStatus()).isZero();

        assertThat(java.nio.file.Files.readString(log)).contains(DatabaseGuardConfig.SCHEMA_CURRENT);
    }

    /** A migration written in Java, named as Flyway wants. */
    static final class V99__InJava extends org.flywaydb.core.api.migration.BaseJavaMigration {

        @Override
        public void migrate(org.flywaydb.core.api.migration.Context context) {
        }
    }
}

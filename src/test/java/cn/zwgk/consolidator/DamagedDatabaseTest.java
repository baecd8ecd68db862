package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.zwgk.consolidator.common.Sha256;

/** A damaged or foreign database file is refused, unchanged, and never replaced by a new history. */
class DamagedDatabaseTest {

    @TempDir
    static Path shared;
    /** The database file of a real completed run, made once. */
    private static byte[] healthy;

    @TempDir
    Path dir;

    private record Run(int exitStatus, String out, String err) {
    }

    /** The database in a folder of its own: the output may not lie inside the program's data folder. */
    private static Path databaseFileIn(Path folder) throws IOException {
        return Files.createDirectories(folder.resolve("data")).resolve("consolidator.mv.db");
    }

    private static Run run(Path database, Path output) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String name = database.toString().substring(0, database.toString().length() - ".mv.db".length());
        int status = ConsolidatorApplication.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--job=jobs/bozhou-2020.yml",
                "--output=" + output, "--spring.datasource.url=jdbc:h2:file:" + name + ";WRITE_DELAY=0");
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void completeARun() throws IOException {
        Path database = databaseFileIn(shared);
        assertThat(run(database, shared.resolve("output")).exitStatus()).isZero();
        healthy = Files.readAllBytes(database);
    }

    private void assertRefusedUnchanged(Path database, String why) throws IOException {
        String before = Sha256.hex(Files.readAllBytes(database));
        Run run = run(database, dir.resolve("output"));

        assertThat(run.exitStatus()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(database.toAbsolutePath().normalize().toString()).contains(why)
                .doesNotContain("Exception");
        assertThat(Sha256.hex(Files.readAllBytes(database))).isEqualTo(before);
        assertThat(dir.resolve("output")).doesNotExist();
    }

    @Test
    void theDatabaseOfACompletedRunIsUsedAgain() throws IOException {
        Path database = databaseFileIn(dir);
        Files.write(database, healthy);

        Run again = run(database, shared.resolve("output"));

        assertThat(again.exitStatus()).as(again.err()).isZero();
        assertThat(again.out()).contains("已是最新");
    }

    /** Cut inside the newest chunk, which a cleanly closed store writes last, off the 4 KiB blocks H2 writes in. */
    @ParameterizedTest
    @ValueSource(ints = {100, 3000, 4096 + 100})
    void aDatabaseFileCutShortIsRefused(int missingBytes) throws IOException {
        Path database = databaseFileIn(dir);
        Files.write(database, healthy);
        try (RandomAccessFile file = new RandomAccessFile(database.toFile(), "rw")) {
            file.setLength(healthy.length - missingBytes);
        }

        assertRefusedUnchanged(database, "截断");
    }

    /**
     * Wherever a file is cut, the run refuses it unchanged, or finds the history it had (a cut in
     * H2's free space loses nothing), or fails on a cut page H2 meets while running. Never a new history.
     */
    @Test
    void whereverTheFileIsCutTheHistoryIsNeverReplaced() throws IOException, SQLException {
        long seed = new Random().nextLong();
        System.out.println("whereverTheFileIsCut seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 4; i++) {
            Path database = dir.resolve("cut-" + i).resolve("consolidator.mv.db");
            Files.createDirectories(database.getParent());
            int length = 4096 + random.nextInt(healthy.length - 4096);
            Files.write(database, Arrays.copyOf(healthy, length));
            String before = Sha256.hex(Files.readAllBytes(database));

            Run run = run(database, dir.resolve("output-" + i));

            if (run.exitStatus() == 2) {
                assertThat(Sha256.hex(Files.readAllBytes(database))).as("seed %d, cut at %d", seed, length)
                        .isEqualTo(before);
            } else if (run.exitStatus() == 1) {
                // H2 met a cut page only while running: a failed run, and still no new history
                assertThat(run.err().strip().lines()).as("seed %d, cut at %d", seed, length).hasSize(1);
            } else {
                String name = database.toString().substring(0, database.toString().length() - ".mv.db".length());
                try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + name, "sa", "");
                        ResultSet rows = connection.createStatement()
                                .executeQuery("SELECT MIN(run_id) FROM consolidation_run")) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("seed %d, cut at %d: %s", seed, length, run).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void anEmptyDatabaseFileIsRefused() throws IOException {
        Path database = databaseFileIn(dir);
        Files.write(database, new byte[0]);

        assertRefusedUnchanged(database, "空文件");
    }

    @Test
    void aGarbageDatabaseFileIsRefused() throws IOException {
        Path database = databaseFileIn(dir);
        Files.writeString(database, "<html>这不是数据库</html>\n".repeat(500));

        assertRefusedUnchanged(database, "不是 H2 数据库文件");
    }

    /** As a file cut at a chunk's end opens: H2 shows the older state there, here with nothing in it. */
    @Test
    void anH2FileWithNoTablesIsRefused() throws IOException, SQLException {
        Path database = databaseFileIn(dir);
        database(database);

        assertRefusedUnchanged(database, "没有任何表");
    }

    @Test
    void anotherProgramsH2DatabaseIsRefused() throws IOException, SQLException {
        Path database = databaseFileIn(dir);
        database(database, "CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR(100))",
                "INSERT INTO customers VALUES (1, '张三')");

        assertRefusedUnchanged(database, "别的程序的数据库");
    }

    @Test
    void aDatabaseWithAnotherProgramsFlywayHistoryIsRefused() throws IOException, SQLException {
        Path database = databaseFileIn(dir);
        database(database, "CREATE TABLE \"flyway_schema_history\"(\"installed_rank\" INT, \"version\" VARCHAR(50),"
                + " \"script\" VARCHAR(1000), \"type\" VARCHAR(20), \"success\" BOOLEAN)",
                "INSERT INTO \"flyway_schema_history\" VALUES (1, '1', 'V1__create_customers.sql', 'SQL', TRUE)",
                "CREATE TABLE customers(id INT)");

        assertRefusedUnchanged(database, "V1__create_customers.sql");
    }

    @Test
    void aForeignDatabaseServerIsRefusedBeforeFlywayMigratesIt() throws SQLException {
        // a server database has no file to check: the check before migrating still refuses it
        String url = "jdbc:h2:mem:foreign-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection keepOpen = DriverManager.getConnection(url, "sa", "");
                Statement statement = keepOpen.createStatement()) {
            statement.execute("CREATE TABLE invoices(id INT)");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ConsolidatorApplication.run(new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8), "--job=jobs/bozhou-2020.yml",
                    "--output=" + dir.resolve("output"), "--spring.datasource.url=" + url);

            assertThat(status).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("INVOICES").contains("别的程序的数据库");
            assertThat(statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC'")).satisfies(rows -> {
                        rows.next();
                        assertThat(rows.getInt(1)).isEqualTo(1);
                    });
        }
    }

    private static void database(Path file, String... statements) throws SQLException, IOException {
        Path made = file.resolveSibling("made-" + UUID.randomUUID());
        Files.createDirectories(made);
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + made.resolve("db"), "sa", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        Files.move(made.resolve("db.mv.db"), file, StandardCopyOption.REPLACE_EXISTING);
    }
}

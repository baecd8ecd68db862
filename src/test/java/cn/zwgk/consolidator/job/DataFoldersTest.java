package cn.zwgk.consolidator.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The program's data folders, which no output may touch, as Spring will set them up. */
class DataFoldersTest {

    @ParameterizedTest
    @CsvSource({
            "'jdbc:h2:file:./data/consolidator;AUTO_SERVER=TRUE;WRITE_DELAY=0', ./data/consolidator.mv.db",
            "jdbc:h2:./history/db, ./history/db.mv.db",
            "jdbc:h2:file:/srv/zwgk/db/consolidator, /srv/zwgk/db/consolidator.mv.db"})
    void anH2FileUrlNamesItsFile(String url, String file) {
        assertThat(DatabaseGuard.h2File(url)).isEqualTo(Path.of(file).toAbsolutePath().normalize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:mem:test;DB_CLOSE_DELAY=-1", "jdbc:h2:tcp://db.local/~/x",
            "jdbc:postgresql://localhost/zwgk"})
    void otherDatabasesHaveNoFileHere(String url) {
        assertThat(DatabaseGuard.h2File(url)).isNull();
    }

    @Test
    void theHomeFolderIsExpanded() {
        assertThat(DatabaseGuard.h2File("jdbc:h2:~/zwgk/db"))
                .isEqualTo(Path.of(System.getProperty("user.home"), "zwgk/db.mv.db"));
    }

    @Test
    void theCommandLineWinsOverTheDefaultsAndTheLogsFolderCountsToo() {
        assertThat(OutputSafety.dataFolders("--spring.datasource.url=jdbc:h2:file:/srv/history/db",
                "--logging.file.name=/var/log/zwgk/run.log"))
                .containsExactly(Path.of("/srv/history"), Path.of("/var/log/zwgk"));
        assertThat(OutputSafety.dataFolders()).as("application.properties: ./data for both")
                .containsExactly(Path.of("data").toAbsolutePath(), Path.of("data").toAbsolutePath());
    }
}

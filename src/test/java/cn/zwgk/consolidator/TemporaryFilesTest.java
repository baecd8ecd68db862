package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POI's temporary files go to a folder of the program's own, never to the shared poifiles folder. */
class TemporaryFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSharedPoiFolderTheProgramCannotUseDoesNotStopTheRun() throws IOException {
        // as when another user owns /tmp/poifiles: POI's default place cannot be made
        Path systemTemp = dir.resolve("system-tmp");
        Files.createDirectories(systemTemp);
        Files.writeString(systemTemp.resolve("poifiles"), "another user's");
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", systemTemp.toString());
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
        try {
            JobRunner.Run run = new JobRunner().run("--job=jobs/bozhou-2020.yml", "--output=" + dir.resolve("out"));

            assertThat(run.exitStatus()).as(run.err()).isZero();
            assertThat(dir.resolve("out/report.xlsx")).isNotEmptyFile();
            File probe = TempFile.createTempFile("probe", ".tmp");
            Path own = Path.of("data", "tmp").toAbsolutePath().normalize();
            assertThat(probe.toPath().getParent()).isEqualTo(own);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rwx------");
            Files.delete(probe.toPath());
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
    }
}

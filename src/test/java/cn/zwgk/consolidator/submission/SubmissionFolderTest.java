package cn.zwgk.consolidator.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.zwgk.consolidator.registry.UnitRegistry;

/** What a run lists of the submissions folder while the portal writes an upload into it. */
class SubmissionFolderTest {

    @TempDir
    Path dir;

    private List<String> listed() throws IOException {
        Path units = dir.resolve("units.csv");
        Files.writeString(units, "code,name,group\nqiaocheng,谯城区人民政府,县区\n", StandardCharsets.UTF_8);
        Path folder = Files.createDirectories(dir.resolve("submissions"));
        return SubmissionFolder.scan(folder, UnitRegistry.read(units)).stream()
                .map(entry -> entry.code() + "=" + entry.file()).toList();
    }

    @Test
    void anUploadThePortalIsStillWritingIsNoEntryYet() throws IOException {
        Files.createDirectories(dir.resolve("submissions"));
        String[] inFlight = SubmissionFolder.uploadInFlight("qiaocheng");
        Files.createTempFile(dir.resolve("submissions"), inFlight[0], inFlight[1]);

        assertThat(listed()).containsExactly("qiaocheng=null");
    }

    @ParameterizedTest
    @ValueSource(strings = {".qiaocheng.csv", ".qiaocheng.upload", ".qiaocheng.12ab.upload", "qiaocheng.123.upload",
            ".qiaocheng.123.upload.csv"})
    void anythingElseHiddenIsStillListed(String name) throws IOException {
        Files.createDirectories(dir.resolve("submissions"));
        Files.writeString(dir.resolve("submissions").resolve(name), "x");

        assertThat(listed()).hasSize(2).contains("qiaocheng=null");
    }
}

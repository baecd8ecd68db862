package cn.zwgk.consolidator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {

    @Test
    void theNewFilesReplaceTheOldOnesAsAWhole(@TempDir Path dir) throws IOException {
        Path output = dir.resolve("out");
        Files.createDirectories(output);
        Files.writeString(output.resolve("old-only.csv"), "old");
        Files.writeString(output.resolve("status.csv"), "old");

        OutputFolder folder = new OutputFolder(output, "7");
        Path staging = folder.prepare();
        Files.writeString(staging.resolve("status.csv"), "new");
        assertThat(Files.readString(output.resolve("status.csv"))).as("untouched until commit").isEqualTo("old");
        folder.commit();

        assertThat(Files.readString(output.resolve("status.csv"))).isEqualTo("new");
        assertThat(output.resolve("old-only.csv")).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("out");
        }
    }
}

package cn.zwgk.consolidator.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zwgk.consolidator.FolderChecksum;
import cn.zwgk.consolidator.common.RunFile;

class OutputFolderTest {

    @TempDir
    Path dir;

    private Path output() {
        return dir.resolve("out");
    }

    private static Map<String, String> info(long run) {
        return Map.of("name", "test", "year", "2020", "template", "gov-2019", "run", Long.toString(run));
    }

    /** Writes a complete run's outputs into a writing folder, without putting them in place. */
    private static Path write(OutputFolder folder, long run) throws IOException {
        Path writing = folder.prepare(run);
        Files.writeString(writing.resolve("status.csv"), "run " + run);
        Files.writeString(writing.resolve("consolidated.csv"), "run " + run);
        Files.createDirectories(writing.resolve("groups"));
        Files.writeString(writing.resolve("groups/县区.csv"), "run " + run);
        return writing;
    }

    private static void publish(OutputFolder folder, long run) throws IOException {
        folder.commit(write(folder, run), info(run));
    }

    /** The output resolves to one complete run: its run.yml lists exactly the files there. */
    private void assertComplete(long run) throws IOException {
        assertThat(OutputFolder.holdsExactly(output(), run)).as("output holds run " + run + " complete").isTrue();
        assertThat(Files.readString(output().resolve("status.csv"))).isEqualTo("run " + run);
    }

    @Test
    void aChecksumMadeAsTheFileWasWrittenIsTakenAsGivenAndTheOtherFilesAreHashed() throws IOException {
        OutputFolder folder = new OutputFolder(output());
        Path writing = write(folder, 1);
        String given = "a".repeat(64);

        folder.commit(writing, info(1), Map.of("status.csv", given, "gone.csv", given));

        RunFile run = RunFile.read(output());
        assertThat(run.files()).containsOnlyKeys("status.csv", "consolidated.csv", "groups/县区.csv");
        assertThat(run.files().get("status.csv")).isEqualTo(given);
        assertThat(run.files().get("consolidated.csv")).isEqualTo(RunFile.checksums(output().toRealPath()).get("consolidated.csv"))
                .isNotEqualTo(given);
    }

    @Test
    void theOutputIsALinkToTheVersionOfTheLastRun() throws IOException {
        OutputFolder folder = new OutputFolder(output());
        publish(folder, 1);
        publish(folder, 2);

        assertThat(Files.isSymbolicLink(output())).isTrue();
        assertThat(Files.readSymbolicLink(output())).isEqualTo(Path.of(".out.consolidator", "run-2"));
        assertComplete(2);
        try (var left = Files.list(dir)) {
            assertThat(left).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("out", ".out.consolidator");
        }
        try (var left = Files.list(folder.workFolder())) {
            assertThat(left).extracting(p -> p.getFileName().toString()).as("run 1 retired")
                    .containsExactlyInAnyOrder(OutputFolder.MARKER, "run-2", OutputFolder.OUTPUT_RECORD);
        }
    }

    @Test
    void atEveryStepOfTheSwapTheOutputIsOneCompleteRun() throws IOException {
        OutputFolder folder = new OutputFolder(output());
        publish(folder, 1);

        Path writing = write(folder, 2);
        assertComplete(1);
        Path version = folder.seal(writing, info(2));
        assertComplete(1);
        folder.swap(version);
        assertComplete(2);
        folder.retireOthers();
        assertComplete(2);
    }

    @Test
    void aRunKilledAfterSealingLeavesTheOldRunInPlaceAndTheNextRunCleansUp() throws IOException {
        OutputFolder folder = new OutputFolder(output());
        publish(folder, 1);
        folder.seal(write(folder, 2), info(2)); // killed before the swap
        write(folder, 3); // killed while writing
        Files.createDirectories(folder.partsFolder(3));
        Files.createDirectories(folder.partsFolder(4));

        Path halfMade = dir.resolve(".out.consolidator.making-123");
        Files.createDirectories(halfMade);
        Files.writeString(halfMade.resolve(OutputFolder.MARKER), OutputFolder.MARKER_TEXT);

        new OutputFolder(output()).cleanLeftovers(run -> run == 3);

        assertComplete(1);
        assertThat(halfMade).doesNotExist();
        try (var left = Files.list(folder.workFolder())) {
            assertThat(left).extracting(p -> p.getFileName().toString()).as("only the unfinished run's parts stay")
                    .containsExactlyInAnyOrder(OutputFolder.MARKER, "run-1", "parts-4", OutputFolder.OUTPUT_RECORD);
        }
    }

    @Test
    void anEarlierOutputFolderIsMigratedAndOnlyItsOwnFilesGo() throws IOException {
        Files.createDirectories(output().resolve("groups"));
        Files.writeString(output().resolve("run.yml"), "name: test\nyear: 2020\ntemplate: gov-2019\nrun: 4\n");
        Files.writeString(output().resolve("status.csv"), "run 4");
        Files.writeString(output().resolve("groups/县区.csv"), "run 4");
        OutputFolder folder = new OutputFolder(output());
        assertThat(OutputFolder.isEarlierOutput(output())).isTrue();

        publish(folder, 5);

        assertComplete(5);
        try (var left = Files.list(folder.workFolder())) {
            assertThat(left).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder(OutputFolder.MARKER, "run-5", OutputFolder.OUTPUT_RECORD);
        }
    }

    @Test
    void aKillBetweenMovingAnEarlierFolderAsideAndLinkingIsRepairedByTheNextRun() throws IOException {
        Files.createDirectories(output());
        Files.writeString(output().resolve("run.yml"), "run: 4\n");
        OutputFolder folder = new OutputFolder(output());
        Path version = folder.seal(write(folder, 5), info(5));
        Files.move(output(), folder.workFolder().resolve("run-4-earlier")); // the first of the two renames

        new OutputFolder(output()).cleanLeftovers(run -> true);

        assertThat(Files.readSymbolicLink(output())).isEqualTo(Path.of(".out.consolidator", "run-5"));
        assertThat(version).exists();
        assertComplete(5);
    }

    @Test
    void filesSomeoneElsePutIntoAnOutputAreKeptWhenItIsRetired() throws IOException {
        OutputFolder folder = new OutputFolder(output());
        publish(folder, 1);
        Files.writeString(output().resolve("我的笔记.txt"), "mine");
        Files.writeString(output().resolve("status.csv"), "corrected by hand");

        publish(folder, 2);

        assertComplete(2);
        Path kept = folder.workFolder().resolve("kept-run-1");
        assertThat(Files.readString(kept.resolve("我的笔记.txt"))).isEqualTo("mine");
        assertThat(Files.readString(kept.resolve("status.csv"))).as("changed: no longer the program's")
                .isEqualTo("corrected by hand");
        assertThat(kept.resolve("consolidated.csv")).as("unchanged: the program's own").doesNotExist();
    }

    @Test
    void userItemsWithTheNamesEarlierVersionsUsedAreNeverTouched() throws IOException {
        for (String name : new String[] {".out.previous", ".out.writing-1", ".out.parts-1"}) {
            Files.createDirectories(dir.resolve(name));
            Files.writeString(dir.resolve(name).resolve("合同.docx"), "mine");
        }
        Files.writeString(dir.resolve(".out.lock"), "mine");
        Map<String, String> before = FolderChecksum.of(dir);
        OutputFolder folder = new OutputFolder(output());

        publish(folder, 1);
        publish(folder, 2);
        folder.cleanLeftovers(run -> true);

        Map<String, String> after = FolderChecksum.of(dir);
        after.keySet().removeIf(name -> name.equals("out") || name.startsWith(".out.consolidator"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aWorkingFolderNameThatIsNotOursIsNeverUsed() throws IOException {
        Files.createDirectories(dir.resolve(".out.consolidator"));
        Files.writeString(dir.resolve(".out.consolidator/照片.jpg"), "mine");

        assertThatThrownBy(() -> new OutputFolder(output()).prepare(1)).hasMessageContaining("不是本程序的工作文件夹");
        assertThat(dir.resolve(".out.consolidator")).isDirectoryContaining(p -> true);
        assertThat(FolderChecksum.of(dir)).containsOnlyKeys(".out.consolidator", ".out.consolidator/照片.jpg");
    }

    @Test
    void aFolderPutAtTheOutputWhileARunWritesIsNotReplaced() throws IOException {
        OutputFolder folder = new OutputFolder(output());
        Path writing = write(folder, 1);
        Files.createDirectories(output());
        Files.writeString(output().resolve("预算.xlsx"), "mine");

        assertThatThrownBy(() -> folder.commit(writing, info(1))).hasMessageContaining("含有其他内容");
        assertThat(Files.readString(output().resolve("预算.xlsx"))).isEqualTo("mine");
    }

    @Test
    void theOutputsAreReadableByWhoeverCouldReadAFolderMadeThere() throws IOException {
        Path plain = Files.createDirectory(dir.resolve("plain"));
        OutputFolder folder = new OutputFolder(output());
        publish(folder, 1);

        assertThat(Files.getPosixFilePermissions(folder.workFolder()))
                .isEqualTo(Files.getPosixFilePermissions(plain));
        assertThat(Files.getPosixFilePermissions(output().toRealPath()))
                .isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void runYmlNamesTheRunAsANumber() throws IOException {
        publish(new OutputFolder(output()), 12);

        assertThat(Files.readAllLines(output().resolve(RunFile.NAME))).contains("run: 12", "year: 2020");
        assertThat(RunFile.runOf(output())).isEqualTo(12L);
    }

    @Test
    void damagedOutputsAreNotTheRunsOutputs() throws IOException {
        OutputFolder folder = new OutputFolder(output());
        publish(folder, 1);
        assertThat(OutputFolder.holdsExactly(output(), 1)).isTrue();
        assertThat(OutputFolder.holdsExactly(output(), 2)).as("another run's").isFalse();

        Files.writeString(output().resolve("consolidated.csv"), "");
        assertThat(OutputFolder.holdsExactly(output(), 1)).as("emptied").isFalse();
    }
}

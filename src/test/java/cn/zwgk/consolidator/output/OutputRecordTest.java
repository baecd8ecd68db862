package cn.zwgk.consolidator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zwgk.consolidator.common.RunFile;

/** The up-to-date check of the outputs by their stats (OutputRecord) is as strict as hashing them all. */
class OutputRecordTest {

    @TempDir
    Path dir;

    /** The outputs the check read, by path relative to the version. */
    private final List<String> read = new ArrayList<>();

    private Path output() {
        return dir.resolve("out");
    }

    private OutputFolder folder() {
        return new OutputFolder(output());
    }

    private static Map<String, String> info(long run) {
        return Map.of("name", "test", "year", "2020", "template", "gov-2019", "run", Long.toString(run));
    }

    private Path write(OutputFolder folder, long run) throws IOException {
        Path writing = folder.prepare(run);
        Files.writeString(writing.resolve("status.csv"), "run " + run);
        Files.writeString(writing.resolve("consolidated.csv"), "sum " + run);
        Files.createDirectories(writing.resolve("groups"));
        Files.writeString(writing.resolve("groups/县区.csv"), "group " + run);
        return writing;
    }

    private void publish(long run) throws IOException {
        OutputFolder folder = folder();
        folder.commit(write(folder, run), info(run));
    }

    /** Waits until the file system's clock is past the racy window of the published files. */
    private void pastTheRacyWindow() throws IOException {
        pastTheRacyWindow(output().toRealPath());
    }

    private void pastTheRacyWindow(Path folder) throws IOException {
        Path probe = dir.resolve("probe");
        long latest = Long.MIN_VALUE;
        try (var walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                OutputRecord.Stat stat = OutputRecord.Stat.of(file);
                latest = Math.max(latest, Math.max(stat.modified(), stat.changed()));
            }
        }
        do {
            Files.writeString(probe, "");
        } while (Files.getLastModifiedTime(probe).to(TimeUnit.NANOSECONDS) <= latest + 2 * OutputRecord.RACY_NANOS);
    }

    private RunFile settled() {
        return folder().settledRun(file -> {
            read.add(output().toAbsolutePath().resolveSibling(".out.consolidator").relativize(file).toString());
            return OutputRecord.sha256(file);
        });
    }

    /** Makes the record trusted for every file: past the racy window, then one check that re-records. */
    private void settledOnce() throws IOException {
        pastTheRacyWindow();
        assertThat(settled()).isNotNull();
        read.clear();
    }

    @Test
    void untouchedOutputsAreUpToDateWithoutReadingThem() throws IOException {
        OutputFolder folder = folder();
        Path writing = write(folder, 1);
        pastTheRacyWindow(writing);
        folder.commit(writing, info(1));

        assertThat(settled()).as("up to date").isNotNull();
        assertThat(read).as("files read: the record of the seal holds").isEmpty();
    }

    @Test
    void filesWrittenJustBeforeTheSealAreReadOnceThenTrusted() throws IOException {
        publish(1);
        // the seal hashes right after the writes: what it recorded is within the racy window, or not
        assertThat(settled()).isNotNull();
        pastTheRacyWindow();
        assertThat(settled()).isNotNull();
        read.clear();

        assertThat(settled()).isNotNull();
        assertThat(read).as("racy entries re-recorded by the check before").isEmpty();
    }

    @Test
    void aChangeOfTheSameSizeWithTheTimeSetBackRightAfterTheSealIsSeen() throws IOException {
        publish(1);
        Path file = output().resolve("status.csv");
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, "RUN 1");
        Files.setLastModifiedTime(file, time);

        assertThat(settled()).isNull();
    }

    @Test
    void aChangeOfTheSameSizeWithTheTimeSetBackLongAfterTheSealIsSeen() throws IOException {
        publish(1);
        settledOnce();
        Path file = output().resolve("status.csv");
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, "RUN 1");
        Files.setLastModifiedTime(file, time);

        assertThat(settled()).as("the change time moved, which no program can set back").isNull();
        assertThat(read).containsExactly("run-1/status.csv");
    }

    @Test
    void anAddedFileIsNotTheRunsOutput() throws IOException {
        publish(1);
        settledOnce();
        Files.writeString(output().resolve("groups/extra.csv"), "x");

        assertThat(settled()).isNull();
    }

    @Test
    void aRemovedFileIsNotTheRunsOutput() throws IOException {
        publish(1);
        settledOnce();
        Files.delete(output().resolve("groups/县区.csv"));

        assertThat(settled()).isNull();
    }

    @Test
    void aFileReplacedByAnotherOfTheSameContentIsReadAndStillTheRunsOutput() throws IOException {
        publish(1);
        settledOnce();
        Path file = output().resolve("consolidated.csv");
        Path copy = dir.resolve("copy");
        Files.copy(file, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(copy, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(settled()).isNotNull();
        assertThat(read).as("another inode").containsExactly("run-1/consolidated.csv");
    }

    @Test
    void aDamagedRecordMeansReadingEveryOutput() throws IOException {
        publish(1);
        settledOnce();
        Path record = folder().workFolder().resolve(OutputFolder.OUTPUT_RECORD);
        Files.writeString(record, Files.readString(record).replace("\u0000", "\u0000x"));

        assertThat(settled()).isNotNull();
        assertThat(read).containsExactlyInAnyOrder("run-1/status.csv", "run-1/consolidated.csv", "run-1/groups/县区.csv");
    }

    @Test
    void aRecordOfAnotherVersionMeansReadingEveryOutput() throws IOException {
        publish(1);
        settledOnce();
        Path work = folder().workFolder();
        Path record = work.resolve(OutputFolder.OUTPUT_RECORD);
        Files.writeString(record, Files.readString(record).replace("\u0000run-1\u0000", "\u0000run-7\u0000"));

        assertThat(settled()).isNotNull();
        assertThat(read).hasSize(3);
    }

    @Test
    void aMissingRecordMeansReadingEveryOutput() throws IOException {
        publish(1);
        settledOnce();
        Files.delete(folder().workFolder().resolve(OutputFolder.OUTPUT_RECORD));

        assertThat(settled()).isNotNull();
        assertThat(read).hasSize(3);
    }

    @Test
    void aChangedFileIsReadAndNotTheRunsOutputThoughTheRecordSaysItsHash() throws IOException {
        publish(1);
        settledOnce();
        Files.writeString(output().resolve("consolidated.csv"), "sum 2 and more");

        assertThat(settled()).isNull();
        assertThat(read).containsExactly("run-1/consolidated.csv");
    }

    @Test
    void movingTheWritingFolderIntoPlaceKeepsWhatWasRecorded() throws IOException {
        OutputFolder folder = folder();
        Path writing = write(folder, 1);
        Map<String, OutputRecord.Stat> before = OutputRecord.stats(writing);
        Path version = folder.seal(writing, info(1));
        folder.swap(version);

        assertThat(OutputRecord.stats(version)).isEqualTo(before);
    }

    @Test
    void anOutputRestoredAfterAnInterruptedReplacementIsUpToDateWithoutReadingIt() throws IOException {
        publish(1);
        settledOnce();
        // killed between taking the old link away and putting the new one
        Files.delete(output());

        folder().cleanLeftovers(run -> true);

        assertThat(settled()).isNotNull();
        assertThat(read).isEmpty();
    }

    @Test
    void aNewRunIsCheckedAgainstItsOwnRecord() throws IOException {
        publish(1);
        settledOnce();
        OutputFolder folder = folder();
        Path writing = write(folder, 2);
        pastTheRacyWindow(writing);
        folder.commit(writing, info(2));

        assertThat(settled()).isNotNull();
        assertThat(settled().info()).containsEntry("run", "2");
        assertThat(read).isEmpty();
    }

    @Test
    void aRecordThatCannotBeWrittenOnlyCostsTheHashing() throws IOException {
        publish(1);
        pastTheRacyWindow();
        Path work = folder().workFolder();
        Files.delete(work.resolve(OutputFolder.OUTPUT_RECORD));
        // where the record is written first: a folder there makes writing it fail
        Files.createDirectories(OutputRecord.temporary(work).resolve("in the way"));

        assertThat(settled()).isNotNull();
        assertThat(settled()).isNotNull();
        assertThat(read).as("read at each check").hasSize(6);
        assertThat(work.resolve(OutputFolder.OUTPUT_RECORD)).doesNotExist();
    }
}

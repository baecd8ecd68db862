package cn.zwgk.consolidator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The check step's reader checks entries ahead on the workers, yet hands them out in the order of
 * the status list, and what it keeps for a restart counts only what it handed out.
 */
class SubmissionFolderReaderTest {

    private static final int UNITS = 12;

    @TempDir
    Path dir;

    private final List<Runnable> queued = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();

    /** A registry of {@code UNITS} units, every other one with a file. */
    private SubmissionFolderReader<String> reader(Executor workers, int ahead) throws IOException {
        StringBuilder units = new StringBuilder("code,name,group\n");
        Path submissions = Files.createDirectories(dir.resolve("submissions"));
        for (int u = 0; u < UNITS; u++) {
            String code = String.format("u%02d", u);
            units.append(code).append(",单位").append(u).append(",\n");
            if (u % 2 == 0) {
                Files.writeString(submissions.resolve(code + ".csv"), "x");
            }
        }
        Path registry = Files.writeString(dir.resolve("units.csv"), units, StandardCharsets.UTF_8);
        return new SubmissionFolderReader<>(registry, submissions, new RunConsole(), Map::of, entry -> {
            synchronized (checked) {
                checked.add(entry.code());
            }
            return entry.code() + "=" + entry.file();
        }, workers, ahead);
    }

    private static List<String> readAll(SubmissionFolderReader<String> reader) throws Exception {
        List<String> items = new ArrayList<>();
        for (String item = reader.read(); item != null; item = reader.read()) {
            items.add(item);
        }
        return items;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void entriesCheckedOnThreadsInAShuffledTimingAreHandedOutInTheOrderOfTheStatusList(long seed) throws Exception {
        System.out.println("seed " + seed);
        SubmissionFolderReader<String> alone = reader(Runnable::run, 1);
        alone.open(new ExecutionContext());
        List<String> expected = readAll(alone);
        alone.close();

        SubmissionFolderReader<String> shuffled = reader(shuffling(new Random(seed)), 5);
        shuffled.open(new ExecutionContext());

        assertThat(readAll(shuffled)).hasSize(UNITS).isEqualTo(expected).startsWith("u00=u00.csv", "u01=null");
        shuffled.close();
    }

    @Test
    void noMoreEntriesAreCheckedAheadThanAllowed() throws Exception {
        SubmissionFolderReader<String> reader = reader(queued::add, 4);
        reader.open(new ExecutionContext());
        assertThat(queued).hasSize(4);

        runQueued(1);
        assertThat(reader.read()).isEqualTo("u00=u00.csv");

        assertThat(queued).hasSize(4 + 1);
    }

    @Test
    void aRestartGoesOnAfterWhatWasHandedOutNotAfterWhatWasCheckedAhead() throws Exception {
        SubmissionFolderReader<String> first = reader(Runnable::run, 5);
        ExecutionContext context = new ExecutionContext();
        first.open(context);
        first.read();
        first.read();
        first.read();
        first.update(context);
        first.close();
        assertThat(checked).hasSizeGreaterThan(3);

        SubmissionFolderReader<String> restarted = reader(Runnable::run, 5);
        restarted.open(context);

        assertThat(restarted.read()).isEqualTo("u03=null");
        assertThat(readAll(restarted)).hasSize(UNITS - 4);
    }

    @Test
    void closingDropsWhatWasNotCheckedYet() throws Exception {
        SubmissionFolderReader<String> reader = reader(queued::add, 4);
        reader.open(new ExecutionContext());

        reader.close();
        runQueued(queued.size());

        assertThat(checked).isEmpty();
    }

    @Test
    void aCheckThatFailsFailsTheReadWithItsOwnException() throws Exception {
        Path submissions = Files.createDirectories(dir.resolve("submissions"));
        Files.writeString(submissions.resolve("a.csv"), "x");
        Path registry = Files.writeString(dir.resolve("units.csv"), "code,name,group\na,甲,\n", StandardCharsets.UTF_8);
        SubmissionFolderReader<String> reader = new SubmissionFolderReader<>(registry, submissions, new RunConsole(),
                Map::of, entry -> {
                    throw new UncheckedIOException(new IOException("disk gone"));
                }, Runnable::run, 2);
        reader.open(new ExecutionContext());

        assertThatThrownBy(reader::read).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk gone");
    }

    private void runQueued(int count) {
        for (int i = 0; i < count; i++) {
            queued.get(i).run();
        }
    }

    /** Runs each task on a thread of its own, started after a pause drawn from the seed. */
    private static Executor shuffling(Random random) {
        return task -> {
            long pause = random.nextInt(30);
            new Thread(() -> {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            }).start();
        };
    }
}

package cn.zwgk.consolidator.job;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.registry.UnitRegistry;
import cn.zwgk.consolidator.submission.SubmissionEntry;
import cn.zwgk.consolidator.submission.SubmissionFolder;

/**
 * Hands out the entries of the status list one by one, each already checked, and remembers, with
 * each committed chunk, how far it got, so that a restarted run goes on where the interrupted one
 * stopped.
 * <p>
 * The checking runs ahead on the workers, up to {@code ahead} entries beyond the last one handed
 * out: while the step's thread writes a chunk into the database, the workers check the next one
 * (Spring Batch's concurrent chunks leave them idle during every write). What is checked ahead is
 * never recorded anywhere until the step reads it, so a run killed meanwhile loses only work: the
 * position kept with a chunk counts what was handed out, never what was checked ahead.
 */
class SubmissionFolderReader<T> implements ItemStreamReader<T> {

    private static final String POSITION = "entries.read";

    private final Path units;
    private final Path submissions;
    private final RunConsole console;
    private final Supplier<Map<SubmissionStatus, Integer>> recordedSoFar;
    private final Function<SubmissionEntry, T> check;
    private final Executor workers;
    private final int ahead;
    private final ArrayDeque<FutureTask<T>> checking = new ArrayDeque<>();
    private List<SubmissionEntry> entries;
    private int position;
    private int started;

    /**
     * @param recordedSoFar what an interrupted execution of this run already recorded, by status
     * @param check         what is done to each entry, on the workers
     * @param ahead         how many entries may be checked beyond the last one handed out
     */
    SubmissionFolderReader(Path units, Path submissions, RunConsole console,
            Supplier<Map<SubmissionStatus, Integer>> recordedSoFar, Function<SubmissionEntry, T> check,
            Executor workers, int ahead) {
        if (ahead < 1) {
            throw new IllegalArgumentException("ahead " + ahead);
        }
        this.units = units;
        this.submissions = submissions;
        this.console = console;
        this.recordedSoFar = recordedSoFar;
        this.check = check;
        this.workers = workers;
        this.ahead = ahead;
    }

    @Override
    public void open(ExecutionContext context) {
        entries = SubmissionFolder.scan(submissions, UnitRegistry.read(units));
        position = context.getInt(POSITION, 0);
        started = position;
        Map<SubmissionStatus, Integer> recorded = position == 0 ? Map.of() : recordedSoFar.get();
        console.start(entries.size(), position, recorded.getOrDefault(SubmissionStatus.ACCEPTED, 0),
                recorded.getOrDefault(SubmissionStatus.REJECTED, 0));
        startChecking();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(POSITION, position);
    }

    @Override
    public T read() throws Exception {
        if (position >= entries.size()) {
            return null;
        }
        FutureTask<T> next = checking.poll();
        position++;
        // the workers get the next entry before this thread waits for the one it hands out
        startChecking();
        try {
            return next.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** What was checked ahead and not handed out is dropped: a failed or stopped step records none of it. */
    @Override
    public void close() {
        checking.forEach(task -> task.cancel(false));
        checking.clear();
    }

    private void startChecking() {
        while (started < entries.size() && checking.size() < ahead) {
            SubmissionEntry entry = entries.get(started++);
            FutureTask<T> task = new FutureTask<>(() -> check.apply(entry));
            checking.add(task);
            workers.execute(task);
        }
    }
}

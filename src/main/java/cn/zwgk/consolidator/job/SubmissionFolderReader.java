package cn.zwgk.consolidator.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.registry.UnitRegistry;
import cn.zwgk.consolidator.submission.SubmissionEntry;
import cn.zwgk.consolidator.submission.SubmissionFolder;

/**
 * Hands out the entries of the status list one by one and remembers, with each committed chunk,
 * how far it got, so that a restarted run goes on where the interrupted one stopped.
 */
class SubmissionFolderReader implements ItemStreamReader<SubmissionEntry> {

    private static final String POSITION = "entries.read";

    private final Path units;
    private final Path submissions;
    private final RunConsole console;
    private final Supplier<Map<SubmissionStatus, Integer>> recordedSoFar;
    private List<SubmissionEntry> entries;
    private int position;

    /**
     * @param recordedSoFar what an interrupted execution of this run already recorded, by status
     */
    SubmissionFolderReader(Path units, Path submissions, RunConsole console,
            Supplier<Map<SubmissionStatus, Integer>> recordedSoFar) {
        this.units = units;
        this.submissions = submissions;
        this.console = console;
        this.recordedSoFar = recordedSoFar;
    }

    @Override
    public void open(ExecutionContext context) {
        entries = SubmissionFolder.scan(submissions, UnitRegistry.read(units));
        position = context.getInt(POSITION, 0);
        Map<SubmissionStatus, Integer> recorded = position == 0 ? Map.of() : recordedSoFar.get();
        console.start(entries.size(), position, recorded.getOrDefault(SubmissionStatus.ACCEPTED, 0),
                recorded.getOrDefault(SubmissionStatus.REJECTED, 0));
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(POSITION, position);
    }

    @Override
    public SubmissionEntry read() {
        return position < entries.size() ? entries.get(position++) : null;
    }
}

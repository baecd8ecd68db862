package cn.zwgk.consolidator.job;

import java.nio.file.Path;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

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
    private List<SubmissionEntry> entries;
    private int position;

    SubmissionFolderReader(Path units, Path submissions, RunConsole console) {
        this.units = units;
        this.submissions = submissions;
        this.console = console;
    }

    @Override
    public void open(ExecutionContext context) {
        entries = SubmissionFolder.scan(submissions, UnitRegistry.read(units));
        position = context.getInt(POSITION, 0);
        console.start(entries.size(), position);
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

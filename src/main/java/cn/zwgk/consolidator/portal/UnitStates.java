package cn.zwgk.consolidator.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.zwgk.consolidator.registry.Unit;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.submission.SubmissionEntry;
import cn.zwgk.consolidator.common.Finding;

/**
 * What the nightly run will say about each entry of a job's submissions folder, worked out with the
 * job's own check. Files the office copies in by hand count like uploaded ones, and so do files
 * another instance of a cluster put into the shared folder. A check is kept while its file keeps
 * its identity, size and time, so the board of a province stays quick.
 */
public final class UnitStates {

    /** The state of one line of the status list. */
    public record State(SubmissionEntry entry, CheckedSubmission checked, LocalDateTime fileTime) {
    }

    /** With the file's identity (its inode): an upload through another instance renames a new file over it. */
    private record Key(String job, String file, long size, long modified, Object identity) {
    }

    private final SubmissionsFolder folder;
    private final Map<Key, CheckedSubmission> checks = new ConcurrentHashMap<>();

    public UnitStates(SubmissionsFolder folder) {
        this.folder = folder;
    }

    public State of(PortalJob job, Unit unit) {
        return state(job, folder.entry(job, unit));
    }

    /** Every line of the status list, in its order. */
    public List<State> all(PortalJob job) {
        List<State> states = new ArrayList<>();
        for (SubmissionEntry entry : folder.scan(job)) {
            states.add(state(job, entry));
        }
        return states;
    }

    private State state(PortalJob job, SubmissionEntry entry) {
        if (entry.file() == null) {
            return new State(entry, job.check(job.definition().submissions()).check(entry), null);
        }
        Path path = job.definition().submissions().resolve(entry.file());
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return new State(entry, job.check(job.definition().submissions()).check(entry), null);
        }
        Key key = new Key(job.name(), entry.file() + "|" + entry.isUnknown(), attributes.size(),
                attributes.lastModifiedTime().toMillis(), attributes.fileKey());
        CheckedSubmission checked = checks.get(key);
        if (checked == null || !checked.entry().equals(entry)) {
            checked = job.check(job.definition().submissions()).check(entry);
            if (checks.size() > 100_000) {
                checks.clear();
            }
            checks.put(key, checked);
        }
        return new State(entry, checked, LocalDateTime.ofInstant(attributes.lastModifiedTime().toInstant(),
                ZoneId.systemDefault()));
    }

    /** A finding as the API writes it. */
    public static Map<String, Object> json(Finding finding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("severity", finding.severity().code());
        json.put("rule", finding.rule());
        json.put("table", finding.table());
        json.put("row", finding.row());
        json.put("column", finding.column());
        json.put("expected", finding.expected());
        json.put("actual", finding.actual());
        json.put("message", finding.message());
        return json;
    }
}

package cn.zwgk.consolidator.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import cn.zwgk.consolidator.registry.Unit;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.submission.SubmissionEntry;
import cn.zwgk.consolidator.submission.SubmissionFolder;

/**
 * The one place of the portal that knows a job's submissions folder. It reads a unit's current
 * file exactly as the nightly run does, and writes only the unit's own {@code <code>.csv} or
 * {@code <code>.xlsx}, atomically; a file of the other kind is moved into the program's own
 * store folder, never deleted, so the folder never holds two files for one unit.
 */
public final class SubmissionsFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Path store;
    private final ConcurrentMap<String, Object> unitLocks = new ConcurrentHashMap<>();

    /** @param store the program's own folder for files moved out of a submissions folder */
    public SubmissionsFolder(Path store) {
        this.store = store;
    }

    /** The unit's entry as the nightly run will see it, checked with the job's own check. */
    public CheckedSubmission current(PortalJob job, Unit unit) {
        SubmissionEntry entry = entry(job, unit);
        return job.check(job.definition().submissions()).check(entry);
    }

    /** The unit's entry of the folder as the run's scan finds it (its file, or none). */
    public SubmissionEntry entry(PortalJob job, Unit unit) {
        return SubmissionFolder.scan(job.definition().submissions(), job.registry()).stream()
                .filter(e -> unit.code().equals(e.code()) && !e.isUnknown()).findFirst()
                .orElse(new SubmissionEntry(0, unit, unit.code(), null));
    }

    /** Every line of the status list as the run's scan finds it. */
    public List<SubmissionEntry> scan(PortalJob job) {
        return SubmissionFolder.scan(job.definition().submissions(), job.registry());
    }

    /** The bytes of the unit's current file, or null when it has none. */
    public byte[] read(PortalJob job, SubmissionEntry entry) throws IOException {
        if (entry.file() == null) {
            return null;
        }
        return Files.readAllBytes(job.definition().submissions().resolve(entry.file()));
    }

    /**
     * Puts an accepted upload in place as {@code <code>.<kind>}: written to a hidden file of the same
     * folder, forced to disk, renamed over the unit's file in one step. Then a file of the other kind
     * for the unit goes to the store.
     *
     * @param workbook whether it is an .xlsx workbook rather than CSV text
     * @return where the file of the other kind went, or null when there was none
     */
    public Path install(PortalJob job, String code, boolean workbook, byte[] content) throws IOException {
        Path folder = job.definition().submissions();
        String name = code + (workbook ? ".xlsx" : ".csv");
        String other = code + (workbook ? ".csv" : ".xlsx");
        synchronized (unitLocks.computeIfAbsent(job.name() + "/" + code, key -> new Object())) {
            String[] inFlight = SubmissionFolder.uploadInFlight(code);
            Path temporary = Files.createTempFile(folder, inFlight[0], inFlight[1]);
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                        OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                    out.write(content);
                    channel.force(true);
                }
                Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
            Path otherFile = folder.resolve(other);
            if (Files.exists(otherFile, LinkOption.NOFOLLOW_LINKS)) {
                return moveToStore(job, otherFile, other);
            }
            return null;
        }
    }

    private Path moveToStore(PortalJob job, Path file, String name) throws IOException {
        Path target = store.resolve(job.name()).resolve("replaced")
                .resolve(LocalDateTime.now().format(STAMP) + "-" + name);
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // another file system: copy, then remove the original
            Files.move(file, target);
        }
        return target;
    }
}

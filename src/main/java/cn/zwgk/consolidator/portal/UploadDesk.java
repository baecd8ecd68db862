package cn.zwgk.consolidator.portal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import cn.zwgk.consolidator.registry.Unit;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.submission.SubmissionEntry;
import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.common.Sha256;

/**
 * Receives a unit's file: counts its bytes as they arrive (over the job's limit it is refused and
 * kept nowhere), checks it with the job's own check, keeps it in the unit's history whatever the
 * result, and puts an accepted file into the submissions folder as the unit's submission.
 */
public final class UploadDesk {

    private final SubmissionsFolder folder;
    private final UploadHistory history;
    private final AuditTrail audit;
    private final ConcurrentMap<String, Object> unitLocks = new ConcurrentHashMap<>();

    public UploadDesk(SubmissionsFolder folder, UploadHistory history, AuditTrail audit) {
        this.folder = folder;
        this.history = history;
        this.audit = audit;
    }

    public record Received(CheckedSubmission checked, String storedAs) {

        public boolean accepted() {
            return checked.status() == SubmissionStatus.ACCEPTED;
        }
    }

    /**
     * @param fileName the name the sender gave, for people only: only its ending is looked at
     * @throws PortalException 400 for a name that is no .csv or .xlsx, 413 over the size limit
     */
    public Received receive(PortalJob job, Unit unit, String fileName, InputStream body, String user, String address)
            throws IOException {
        String shown = shownName(fileName == null || fileName.isBlank() ? unit.code() + ".csv" : fileName);
        String lower = shown.toLowerCase(Locale.ROOT);
        boolean workbook;
        if (lower.endsWith(".xlsx")) {
            workbook = true;
        } else if (lower.endsWith(".csv")) {
            workbook = false;
        } else {
            throw new PortalException(400, "文件名“" + shown + "”应以 .csv 或 .xlsx 结尾（CSV 文本或 Excel 表格）"
                    + " (file name must end in .csv or .xlsx)");
        }
        long most = job.definition().maxFileSize();
        byte[] content = readAtMost(body, most);
        if (content == null) {
            audit.record(user, address, "upload-too-large", job.name(), unit.code(), shown);
            throw PortalException.tooLarge(most);
        }
        String storedAs = unit.code() + (workbook ? ".xlsx" : ".csv");
        CheckedSubmission checked = check(job, unit, storedAs, content);
        synchronized (unitLocks.computeIfAbsent(job.name() + "/" + unit.code(), key -> new Object())) {
            boolean accepted = checked.status() == SubmissionStatus.ACCEPTED;
            history.add(new UploadHistory.Upload(0, job.name(), unit.code(), LocalDateTime.now(), user, shown, storedAs,
                    content.length, Sha256.hex(content), checked.status().code(), (int) checked.errors(),
                    (int) checked.warnings()), content);
            if (accepted) {
                keepHandPlacedFile(job, unit);
                Path moved = folder.install(job, unit.code(), workbook, content);
                if (moved != null) {
                    audit.record(user, address, "file-moved-to-store", job.name(), unit.code(), moved.toString());
                }
            }
            audit.record(user, address, "upload", job.name(), unit.code(), shown + " " + checked.status().code()
                    + " sha256=" + Sha256.hex(content));
        }
        return new Received(checked, storedAs);
    }

    /** The job's check of these bytes, as if they were the unit's file in the submissions folder. */
    CheckedSubmission check(PortalJob job, Unit unit, String storedAs, byte[] content) throws IOException {
        Path scratch = Files.createTempDirectory("consolidator-upload-");
        try {
            Files.write(scratch.resolve(storedAs), content);
            return job.check(scratch).check(new SubmissionEntry(0, unit, unit.code(), storedAs));
        } finally {
            Files.deleteIfExists(scratch.resolve(storedAs));
            Files.deleteIfExists(scratch);
        }
    }

    /** A file the office put into the folder by hand is kept in the history before it is replaced. */
    private void keepHandPlacedFile(PortalJob job, Unit unit) throws IOException {
        SubmissionEntry entry = folder.entry(job, unit);
        byte[] current = folder.read(job, entry);
        if (current != null && !history.holds(job.name(), unit.code(), Sha256.hex(current))) {
            history.add(new UploadHistory.Upload(0, job.name(), unit.code(), LocalDateTime.now(), "（报送文件夹）",
                    entry.file(), entry.file(), current.length, Sha256.hex(current), "replaced", 0, 0), current);
        }
    }

    /** Null when there are more than {@code most} bytes: the rest is never read, nothing is kept. */
    static byte[] readAtMost(InputStream in, long most) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0;) {
            total += n;
            if (total > most) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The sender's name for people: its last path part, without control characters, at most 200 characters. */
    static String shownName(String name) {
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String clean = last.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (clean.isEmpty()) {
            clean = "（无名文件）";
        }
        return clean.length() > 200 ? clean.substring(clean.length() - 200) : clean;
    }
}

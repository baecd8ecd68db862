package cn.zwgk.consolidator.validation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.common.Severity;
import cn.zwgk.consolidator.common.Sha256;
import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.submission.FileProblem;
import cn.zwgk.consolidator.submission.SubmissionEntry;
import cn.zwgk.consolidator.submission.SubmissionFolder;
import cn.zwgk.consolidator.submission.SubmissionReader;
import cn.zwgk.consolidator.submission.WorkbookForm;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;

/**
 * Decides about one entry of the submissions folder: reads the unit's file, applies the template's
 * rules and says accepted or rejected, with findings that tell the unit what to fix.
 */
public final class SubmissionCheck {

    /** Default size limit of one submission; a complete one is about 5 KiB. */
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;
    /**
     * The most of one file held in memory, whatever {@code max-file-size} says: a worker per core
     * reads a file each, and the run must fit a small heap.
     */
    public static final long READ_LIMIT = 16L * 1024 * 1024;

    private final Path folder;
    private final SubmissionReader reader;
    private final WorkbookForm workbookForm;
    private final boolean blankAsZero;
    private final RuleChecks rules;
    private final long maxBytes;
    private final Function<String, ReportValues> previousYear;
    private final KnownHashes knownHashes;

    public SubmissionCheck(Path folder, ReportTemplate template, boolean blankAsZero, long maxBytes) {
        this(folder, template, blankAsZero, maxBytes, null);
    }

    public SubmissionCheck(Path folder, ReportTemplate template, boolean blankAsZero, long maxBytes,
            Function<String, ReportValues> previousYear) {
        this(folder, template, blankAsZero, maxBytes, previousYear, KnownHashes.NONE);
    }

    /**
     * @param previousYear last year's values of a unit by its code (null for a unit new this
     *                     year), or null when the job compares with no previous year
     * @param knownHashes  hashes of files read already, for status.csv's sha256 of files unchanged since
     */
    public SubmissionCheck(Path folder, ReportTemplate template, boolean blankAsZero, long maxBytes,
            Function<String, ReportValues> previousYear, KnownHashes knownHashes) {
        this.folder = folder;
        this.reader = new SubmissionReader(template, blankAsZero);
        this.workbookForm = new WorkbookForm(template);
        this.blankAsZero = blankAsZero;
        this.rules = new RuleChecks(template);
        this.maxBytes = maxBytes;
        this.previousYear = previousYear;
        this.knownHashes = knownHashes;
    }

    public CheckedSubmission check(SubmissionEntry entry) {
        if (entry.isMissing()) {
            return new CheckedSubmission(entry, SubmissionStatus.MISSING, null, null,
                    List.of(Finding.about(Severity.ERROR, "missing", "未收到报送文件 " + entry.code()
                            + ".csv：请将本单位的报表以该文件名放入报送文件夹")), null);
        }
        Path path = folder.resolve(entry.file());
        if (entry.isUnknown()) {
            return unknown(entry, path);
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return rejected(entry, null, null, Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(),
                        "“" + entry.file() + "”不是普通文件（" + (attributes.isDirectory() ? "是文件夹"
                                : attributes.isSymbolicLink() ? "是链接" : "是管道或设备")
                                + "），不予读取；请直接放入 " + entry.code() + ".csv 文件"));
            }
            long size = attributes.size();
            if (size > maxBytes) {
                return rejected(entry, null, size, Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(),
                        "文件大小 " + size + " 字节，超过上限 " + maxBytes + " 字节；一份完整的报表通常不足 10 KB，"
                                + "请检查是否报送了错误的文件"));
            }
            if (size > READ_LIMIT) {
                return rejected(entry, null, size, Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(),
                        "文件大小 " + size + " 字节，超过程序一次能检查的 " + READ_LIMIT + " 字节；一份完整的报表通常不足 10 KB，"
                                + "请检查是否报送了错误的文件"));
            }
            byte[] content = readAtMost(path, Math.min(maxBytes, READ_LIMIT));
            if (content == null) {
                return rejected(entry, null, null, Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(),
                        "文件在读取时超过上限 " + Math.min(maxBytes, READ_LIMIT) + " 字节（可能正在被写入），请报送完整后再试"));
            }
            String sha256 = sha256(entry.file(), path, content);
            SubmissionReader.Result read = SubmissionFolder.isWorkbook(entry.file())
                    ? workbookForm.read(content, blankAsZero) : reader.read(content);
            List<Finding> findings = new ArrayList<>(read.findings());
            boolean structuralError = findings.stream().anyMatch(Finding::isError);
            if (!structuralError) {
                ReportValues previous = previousYear == null ? null : previousYear.apply(entry.code());
                findings.addAll(rules.check(read.values(), previous));
                if (previousYear != null && previous == null) {
                    findings.add(Finding.about(Severity.WARNING, "no-previous",
                            "上一年度没有本单位被接收的数据（新增单位？），未做跨年度核对"));
                }
            }
            boolean accepted = findings.stream().noneMatch(Finding::isError);
            return new CheckedSubmission(entry, accepted ? SubmissionStatus.ACCEPTED : SubmissionStatus.REJECTED,
                    sha256, (long) content.length, List.copyOf(findings), accepted ? read.values() : null);
        } catch (IOException | RuntimeException e) {
            // One unit's unreadable file must never stop the consolidation of all the others.
            return rejected(entry, null, null, Finding.about(Severity.ERROR, FileProblem.UNREADABLE.code(),
                    "文件无法读取（" + e.getClass().getSimpleName() + "：" + e.getMessage() + "），请重新报送"));
        }
    }

    /**
     * The hash of {@code content}, as read from {@code path}: the one known already when the file
     * is still exactly as it was when that was read. Asked after reading, so that a change during
     * the read shows in the file's time (or size, or inode) and the content is hashed instead.
     */
    private String sha256(String file, Path path, byte[] content) {
        if (knownHashes != KnownHashes.NONE) {
            try {
                BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String known = now.isRegularFile() && now.size() == content.length
                        ? knownHashes.sha256(file, now) : null;
                if (known != null) {
                    return known;
                }
            } catch (IOException e) {
                // gone or replaced after the read: what was read is what was checked
            }
        }
        return Sha256.hex(content);
    }

    private CheckedSubmission unknown(SubmissionEntry entry, Path path) {
        String why;
        String sha256 = null;
        Long size = null;
        if (Files.isSymbolicLink(path)) {
            why = "“" + entry.file() + "”是一个链接，不予读取；报送文件应直接放在报送文件夹中";
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            why = "“" + entry.file() + "”是一个文件夹；报送文件应直接放在报送文件夹中，命名为 单位代码.csv";
        } else {
            why = "文件名“" + entry.file() + "”不是“单位代码.csv”或“单位代码.xlsx”，或该代码不在单位名录中，未予汇总；"
                    + "请按名录中的单位代码命名后重新报送";
            try {
                // a pipe or a device would block a read, or never end: only plain files are hashed
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    size = Files.size(path);
                    sha256 = size > maxBytes ? null : Sha256.hex(path);
                }
            } catch (IOException e) {
                size = null;
            }
        }
        return new CheckedSubmission(entry, SubmissionStatus.UNKNOWN, sha256, size,
                List.of(Finding.about(Severity.ERROR, "unknown", why)), null);
    }

    /**
     * The file's bytes, never following a link and never more than {@code max} of them: a file that
     * grows while it is read is refused rather than read without bound. Null when over the limit.
     */
    static byte[] readAtMost(Path path, long max) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(max + 1, Math.max(channel.size() + 1, 64)));
            while (channel.read(buffer) > 0) {
                if (!buffer.hasRemaining()) {
                    if (buffer.capacity() > max) {
                        return null;
                    }
                    ByteBuffer larger = ByteBuffer.allocate((int) Math.min(max + 1, buffer.capacity() * 2L));
                    buffer.flip();
                    larger.put(buffer);
                    buffer = larger;
                }
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    private static CheckedSubmission rejected(SubmissionEntry entry, String sha256, Long size, Finding finding) {
        return new CheckedSubmission(entry, SubmissionStatus.REJECTED, sha256, size, List.of(finding), null);
    }

}

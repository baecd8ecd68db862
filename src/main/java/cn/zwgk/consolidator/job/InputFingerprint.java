package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import cn.zwgk.consolidator.common.Sha256;
import cn.zwgk.consolidator.output.OutputFolder;
import cn.zwgk.consolidator.submission.SubmissionFolder;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.validation.KnownHashes;

/**
 * What a run consolidated, in one hash: the job's settings (paths left out), the template, the
 * registry, and the name and content of every entry of the submissions folder. Equal fingerprints mean a rerun
 * would produce the same outputs, so it need not run.
 */
public final class InputFingerprint {

    private InputFingerprint() {
    }

    /** The fingerprint, and the submissions' hashes it used, for the check step of the run. */
    public record Result(String fingerprint, KnownHashes hashes) {
    }

    public static String of(JobDefinition job, ReportTemplate template) {
        return of(job, template.id(), template.digest());
    }

    /** The same from the template's {@link ReportTemplate#id()} and {@link ReportTemplate#digest()} alone. */
    public static String of(JobDefinition job, String templateId, String templateDigest) {
        return fingerprint(job, templateId, templateDigest, null);
    }

    /** The fingerprint with the hashes it used, which the check step of the run takes. */
    public static Result compute(JobDefinition job, ReportTemplate template) {
        return compute(job, template.id(), template.digest());
    }

    /** As {@link #compute(JobDefinition, ReportTemplate)}, from the template's identity alone. */
    public static Result compute(JobDefinition job, String templateId, String templateDigest) {
        Instant now = Instant.now();
        FingerprintHashes hashes = new FingerprintHashes(
                TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano());
        return new Result(fingerprint(job, templateId, templateDigest, hashes), hashes);
    }

    private static String fingerprint(JobDefinition job, String templateId, String templateDigest,
            FingerprintHashes hashes) {
        MessageDigest digest = Sha256.digest();
        // no path: machines of a cluster see one shared folder under paths of their own, and the
        // contents behind the paths are in the hash below; a run killed on one is finished by another
        add(digest, "job", job.name(), Integer.toString(job.year()), job.template(),
                job.previous() == null ? "" : "previous", Boolean.toString(job.blankAsZero()),
                Long.toString(job.maxFileSize()));
        if (job.organisation() != null || job.deadline() != null) {
            // they change report.docx and the letters; absent, older runs' fingerprints stay valid
            add(digest, "publishing", job.organisation() == null ? "" : job.organisation(),
                    job.deadline() == null ? "" : job.deadline().toString());
        }
        add(digest, "template", templateId, templateDigest);
        add(digest, "registry", contentHash(job.units()));
        if (job.previous() != null) {
            // last year's output decides the cross-year findings: a rerun of last year is a change
            for (String file : List.of("run.yml", "consolidated.csv", "accepted-values.csv")) {
                Path path = job.previous().resolve(file);
                add(digest, "previous", file, Files.isRegularFile(path) ? contentHash(path) : "absent");
            }
        }
        // the caller holds the run lock, which made the working folder: the cache is this job's own
        Path work = OutputFolder.workFolderOf(job.output());
        Path cacheFile = OutputFolder.isOurs(work) ? work.resolve(FingerprintCache.FILE) : null;
        FingerprintCache cache = FingerprintCache.read(cacheFile);
        for (String entry : submissionEntries(job.submissions(), job.maxFileSize(), cache, hashes)) {
            add(digest, "submission", entry);
        }
        if (cacheFile != null) {
            try {
                cache.write(cacheFile);
            } catch (IOException e) {
                // without a cache the next run reads every file again, as before
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Each entry as name and content hash, by name; hashed on every core, since it reads every file. */
    private static List<String> submissionEntries(Path folder, long maxBytes, FingerprintCache cache,
            FingerprintHashes hashes) {
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path path : stream) {
                if (!SubmissionFolder.isUploadInFlight(path.getFileName().toString())) {
                    paths.add(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths.parallelStream()
                .map(path -> path.getFileName() + "\u0000" + entryHash(path, maxBytes, cache, hashes))
                .sorted()
                .toList();
    }

    private static String entryHash(Path path, long maxBytes, FingerprintCache cache, FingerprintHashes hashes) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return "link:" + Files.readSymbolicLink(path);
            }
            if (attributes.isDirectory()) {
                return "folder";
            }
            if (!attributes.isRegularFile()) {
                return "other"; // a pipe or a device: reading it could block
            }
            if (attributes.size() > maxBytes) {
                // refused unread by the run, so its size and time say enough
                return "large:" + attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
            }
            String name = path.getFileName().toString();
            String hash = cache.hash(name, attributes, () -> contentHash(path));
            if (hashes != null) {
                hashes.used(name, attributes, hash);
            }
            return hash;
        } catch (IOException e) {
            return "unreadable:" + e.getClass().getSimpleName();
        }
    }

    private static String contentHash(Path file) {
        try {
            return Sha256.hex(file);
        } catch (IOException e) {
            return "unreadable:" + e.getClass().getSimpleName();
        }
    }

    private static void add(MessageDigest digest, String... parts) {
        for (String part : parts) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update((byte) '\n');
    }

}

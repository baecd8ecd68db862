package cn.zwgk.consolidator.job;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import cn.zwgk.consolidator.validation.KnownHashes;

/**
 * The submission files' hashes as one input fingerprint used them, with what the file system said
 * of each file then: the check step of the same run takes a file's hash from here while the file
 * is as it was, instead of hashing it again. A file modified within {@link FingerprintCache#RACY_NANOS}
 * before the fingerprint started is not offered: it may have changed again within the clock's
 * granularity and kept its time.
 */
final class FingerprintHashes implements KnownHashes {

    private record Entry(long size, long modified, Object key, String hash) {
    }

    private final long trustedBefore;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** @param started when the fingerprint began, on the file system's clock (epoch nanoseconds) */
    FingerprintHashes(long started) {
        this.trustedBefore = started - FingerprintCache.RACY_NANOS;
    }

    /** What the fingerprint used for the file {@code name} with these attributes. */
    void used(String name, BasicFileAttributes attributes, String hash) {
        long modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        if (modified < trustedBefore && attributes.fileKey() != null && !hash.startsWith("unreadable:")) {
            entries.put(name, new Entry(attributes.size(), modified, attributes.fileKey(), hash));
        }
    }

    @Override
    public String sha256(String file, BasicFileAttributes attributes) {
        Entry entry = entries.get(file);
        return entry != null && attributes.isRegularFile() && entry.size() == attributes.size()
                && entry.modified() == attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)
                && Objects.equals(entry.key(), attributes.fileKey()) ? entry.hash() : null;
    }

    int size() {
        return entries.size();
    }
}

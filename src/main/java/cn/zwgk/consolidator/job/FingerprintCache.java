package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The content hashes of the submission files as the last fingerprint read them, in the program's
 * working folder: a file whose name, size, modification time (to the nanosecond) and file key
 * (device and inode) are as then is not read again. A file modified within a few seconds before
 * the cache was written is not kept, since it may change again within the clock's granularity
 * and keep its time (git's "racily clean" entries).
 */
final class FingerprintCache {

    static final String FILE = cn.zwgk.consolidator.output.OutputFolder.FINGERPRINTS;
    private static final String VERSION = "cn.zwgk.consolidator fingerprints 1";
    static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(3);

    private record Entry(long size, long modified, String key, String hash) {
    }

    private final Map<String, Entry> known;
    private final Map<String, Entry> seen = new ConcurrentHashMap<>();
    private final AtomicBoolean readAny = new AtomicBoolean();
    /** When the pass began: a file modified since may have been read before its last change within one tick. */
    private final long started;

    private FingerprintCache(Map<String, Entry> known, long started) {
        this.known = known;
        this.started = started;
    }

    /** The cache in {@code file} for a pass beginning now; an empty one when it is missing, unreadable or not ours. */
    static FingerprintCache read(Path file) {
        Instant now = Instant.now();
        return read(file, TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano());
    }

    /** As {@link #read(Path)}, for a pass that began at {@code started} (epoch nanoseconds). */
    static FingerprintCache read(Path file, long started) {
        try {
            if (file != null && Files.isRegularFile(file)) {
                return new FingerprintCache(parse(Files.readString(file, StandardCharsets.UTF_8)), started);
            }
        } catch (IOException | RuntimeException e) {
            // a damaged cache only costs reading the files again
        }
        return new FingerprintCache(Map.of(), started);
    }

    /** Field by field rather than split: an unchanged rerun of 20,000 files reads it first of all. */
    private static Map<String, Entry> parse(String text) {
        int at = text.indexOf('\u0000');
        if (!(at < 0 ? text : text.substring(0, at)).equals(VERSION)) {
            return Map.of();
        }
        Map<String, Entry> known = new HashMap<>(Math.max(16, text.length() / 64));
        String[] fields = new String[5];
        while (at >= 0) {
            for (int i = 0; i < 5; i++) {
                int start = at + 1;
                at = text.indexOf('\u0000', start);
                if (at < 0 && i < 4) {
                    return known; // a last entry cut short, as split ignored it
                }
                fields[i] = text.substring(start, at < 0 ? text.length() : at);
            }
            known.put(fields[0], new Entry(Long.parseLong(fields[1]), Long.parseLong(fields[2]), fields[3], fields[4]));
        }
        return known;
    }

    /** The hash of the file {@code name} with these attributes: remembered, or {@code read} now. */
    String hash(String name, BasicFileAttributes attributes, java.util.function.Supplier<String> read) {
        long modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        String key = String.valueOf(attributes.fileKey());
        Entry entry = known.get(name);
        String hash = entry != null && entry.size() == attributes.size() && entry.modified() == modified
                && entry.key().equals(key) ? entry.hash() : readNow(read);
        if (!hash.startsWith("unreadable:")) {
            seen.put(name, new Entry(attributes.size(), modified, key, hash));
        }
        return hash;
    }

    private String readNow(java.util.function.Supplier<String> read) {
        readAny.set(true);
        return read.get();
    }

    /**
     * Keeps what this fingerprint read, but files modified too recently to be trusted by time.
     * A cache that would say what it says already is left as it is: every entry came from it
     * unread (so it was no racy one) and no file went.
     */
    void write(Path file) throws IOException {
        if (!readAny.get() && seen.keySet().equals(known.keySet())) {
            return;
        }
        StringBuilder text = new StringBuilder(VERSION);
        seen.forEach((name, entry) -> {
            // judged against the pass's start, not now: a file changed twice within one tick while
            // the pass ran keeps its time, and the hash read between the changes would be trusted
            if (entry.modified() < started - RACY_NANOS) {
                text.append('\u0000').append(name).append('\u0000').append(entry.size()).append('\u0000')
                        .append(entry.modified()).append('\u0000').append(entry.key()).append('\u0000')
                        .append(entry.hash());
            }
        });
        Path writing = file.resolveSibling(file.getFileName() + ".writing");
        Files.writeString(writing, text, StandardCharsets.UTF_8);
        Files.move(writing, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

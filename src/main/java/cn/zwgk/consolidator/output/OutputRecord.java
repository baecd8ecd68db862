package cn.zwgk.consolidator.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import cn.zwgk.consolidator.common.RunFile;
import cn.zwgk.consolidator.common.Sha256;

/**
 * The published version's files as last hashed, in the working folder ({@code outputs}): each
 * file's size, modification and change time (to the nanosecond), file key (device and inode) and
 * SHA-256. A file whose four are as recorded is not read again to tell whether the outputs are
 * unchanged: any write changes the change time, which, unlike the modification time, no program
 * can set back. A file whose times are not clearly before the moment its hash was taken is
 * hashed anyway ("racily clean", as git and {@code FingerprintCache} say): a write within the same
 * tick of the file system's clock would keep its times. That moment is the file system's own
 * time stamp of a file written just before hashing, so that a server's clock, or a coarse one,
 * cannot mislead it.
 */
final class OutputRecord {

    private static final String VERSION = "cn.zwgk.consolidator outputs 1";
    /** Clocks that step back a little, or stamps a tick apart (Linux's multigrain times), are racy too. */
    static final long RACY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final boolean CHANGE_TIMES = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    record Stat(long size, long modified, long changed, String key) {

        static Stat of(Path file) throws IOException {
            if (CHANGE_TIMES) {
                Map<String, Object> unix = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,fileKey");
                return new Stat((Long) unix.get("size"), nanos((FileTime) unix.get("lastModifiedTime")),
                        nanos((FileTime) unix.get("ctime")), String.valueOf(unix.get("fileKey")));
            }
            BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stat(basic.size(), nanos(basic.lastModifiedTime()), Long.MIN_VALUE,
                    String.valueOf(basic.fileKey()));
        }

        /** Whether the file was last written clearly before {@code stamp}, so that a later write shows. */
        boolean before(long stamp) {
            return stamp > Long.MIN_VALUE + RACY_NANOS && Math.max(modified, changed) < stamp - RACY_NANOS;
        }
    }

    private record Entry(Stat stat, String hash) {
    }

    private OutputRecord() {
    }

    /** The file-system time of now, as stamped on a file written in the working folder. */
    static long stamp(Path work) throws IOException {
        Path probe = temporary(work);
        Files.write(probe, new byte[0]);
        return nanos(Files.getLastModifiedTime(probe));
    }

    /**
     * Records {@code hashes}, taken after {@code stamp} and {@code stats}, of the files of
     * {@code version} (a folder of the working folder {@code work}); the outputs stay checked in
     * full when this fails.
     */
    static void write(Path work, Path version, long stamp, Map<String, Stat> stats, Map<String, String> hashes) {
        StringBuilder text = new StringBuilder(VERSION).append('\u0000').append(version.getFileName())
                .append('\u0000').append(stamp);
        stats.forEach((name, stat) -> {
            String hash = hashes.get(name);
            if (hash != null) {
                text.append('\u0000').append(name).append('\u0000').append(stat.size()).append('\u0000')
                        .append(stat.modified()).append('\u0000').append(stat.changed()).append('\u0000')
                        .append(stat.key()).append('\u0000').append(hash);
            }
        });
        Path writing = temporary(work);
        try {
            Files.writeString(writing, text, StandardCharsets.UTF_8);
            Files.move(writing, work.resolve(OutputFolder.OUTPUT_RECORD), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(work.resolve(OutputFolder.OUTPUT_RECORD));
                Files.deleteIfExists(writing);
            } catch (IOException ignored) {
                // an old record names the stats it was made with: those no longer match
            }
        }
    }

    static Path temporary(Path work) {
        return work.resolve(OutputFolder.OUTPUT_RECORD + ".writing");
    }

    /** The stat of every regular file under {@code folder} but run.yml, by path with {@code /}. */
    static Map<String, Stat> stats(Path folder) throws IOException {
        Map<String, Stat> stats = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(file).toString().replace(folder.getFileSystem().getSeparator(), "/");
                if (!name.equals(RunFile.NAME)) {
                    stats.put(name, Stat.of(file));
                }
            }
        }
        return stats;
    }

    /**
     * What {@link RunFile#checksums} says of {@code version}: a file whose stats are as recorded,
     * clearly after its last write, by the record; any other hashed with {@code hash}. When some
     * file had to be hashed and all agree with {@code expected}, the record is made again, so that
     * the next check needs to hash fewer. A working folder that cannot be written to only costs
     * the hashing.
     */
    static Map<String, String> checksums(Path work, Path version, Map<String, String> expected,
            Function<Path, String> hash) throws IOException {
        Map<String, Entry> known = read(work.resolve(OutputFolder.OUTPUT_RECORD), version);
        Map<String, Stat> stats = stats(version);
        Map<String, String> sums = new TreeMap<>();
        Map<String, Stat> unknown = new TreeMap<>();
        stats.forEach((name, stat) -> {
            Entry entry = known.get(name);
            if (entry != null && entry.stat().equals(stat)) {
                sums.put(name, entry.hash());
            } else {
                unknown.put(name, stat);
            }
        });
        if (unknown.isEmpty()) {
            return sums;
        }
        // a stamp before the stats and hashes it will vouch for; without one, the check still hashes
        Long stamp;
        try {
            stamp = stamp(work);
        } catch (IOException e) {
            stamp = null;
        }
        Map<String, Stat> restat = new TreeMap<>();
        for (String name : stats.keySet()) {
            Stat stat = Stat.of(version.resolve(name));
            restat.put(name, stat);
            if (unknown.containsKey(name) || !stat.equals(stats.get(name))) {
                sums.put(name, hash.apply(version.resolve(name)));
            }
        }
        if (stamp != null && sums.equals(expected)) {
            write(work, version, stamp, restat, sums);
        } else {
            try {
                Files.deleteIfExists(temporary(work));
            } catch (IOException e) {
                // left for the next record to replace; the check never depends on it
            }
        }
        return sums;
    }

    /** The trusted entries of the record, if it is one of {@code version}; none when missing or damaged. */
    private static Map<String, Entry> read(Path file, Path version) {
        Map<String, Entry> known = new HashMap<>();
        try {
            if (!Files.isRegularFile(file)) {
                return known;
            }
            String[] fields = Files.readString(file, StandardCharsets.UTF_8).split("\u0000", -1);
            if (fields.length < 3 || !fields[0].equals(VERSION)
                    || !fields[1].equals(version.getFileName().toString()) || (fields.length - 3) % 6 != 0) {
                return known;
            }
            long stamp = Long.parseLong(fields[2]);
            for (int i = 3; i + 6 <= fields.length; i += 6) {
                Stat stat = new Stat(Long.parseLong(fields[i + 1]), Long.parseLong(fields[i + 2]),
                        Long.parseLong(fields[i + 3]), fields[i + 4]);
                if (stat.before(stamp) && SHA256.matcher(fields[i + 5]).matches()) {
                    known.put(fields[i], new Entry(stat, fields[i + 5]));
                }
            }
        } catch (IOException | RuntimeException e) {
            known.clear(); // a damaged record only costs hashing the outputs again
        }
        return known;
    }

    static String sha256(Path file) {
        try {
            return Sha256.hex(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }
}

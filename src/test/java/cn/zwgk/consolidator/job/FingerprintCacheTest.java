package cn.zwgk.consolidator.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCacheTest {

    @TempDir
    Path dir;

    private final AtomicInteger reads = new AtomicInteger();

    private Path file(String name, String content, Instant modified) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private String hashThrough(Path cacheFile, Path file) throws IOException {
        FingerprintCache cache = FingerprintCache.read(cacheFile);
        String hash = cache.hash(file.getFileName().toString(),
                Files.readAttributes(file, BasicFileAttributes.class), () -> {
                    reads.incrementAndGet();
                    try {
                        return cn.zwgk.consolidator.common.Sha256.hex(file);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        cache.write(cacheFile);
        return hash;
    }

    @Test
    void anUnchangedFileIsNotReadAgain() throws IOException {
        Path cacheFile = dir.resolve("cache");
        Path unit = file("unit.csv", "a,b\n1,2\n", Instant.now().minus(1, ChronoUnit.HOURS));
        String first = hashThrough(cacheFile, unit);

        String again = hashThrough(cacheFile, unit);

        assertThat(again).isEqualTo(first);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aFileOfTheSameSizeWithAnotherTimeIsReadAgain() throws IOException {
        Path cacheFile = dir.resolve("cache");
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        String first = hashThrough(cacheFile, file("unit.csv", "a,b\n1,2\n", hourAgo));

        String again = hashThrough(cacheFile, file("unit.csv", "a,b\n1,3\n", hourAgo.plusNanos(1000)));

        assertThat(again).isNotEqualTo(first);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFileModifiedJustBeforeTheCacheWasWrittenIsReadAgainEvenWithItsTimeUnchanged() throws IOException {
        Path cacheFile = dir.resolve("cache");
        Instant now = Instant.now();
        String first = hashThrough(cacheFile, file("unit.csv", "a,b\n1,2\n", now));

        // changed within the clock's granularity: same size, same time
        String again = hashThrough(cacheFile, file("unit.csv", "a,b\n1,3\n", now));

        assertThat(again).isNotEqualTo(first);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aDamagedCacheIsOnlyReadingTheFilesAgain() throws IOException {
        Path cacheFile = Files.writeString(dir.resolve("cache"), "cn.zwgk.consolidator fingerprints 1\u0000x\u0000y");
        Path unit = file("unit.csv", "a,b\n1,2\n", Instant.now().minus(1, ChronoUnit.HOURS));

        String hash = hashThrough(cacheFile, unit);

        assertThat(hash).isEqualTo(cn.zwgk.consolidator.common.Sha256.hex(unit));
        assertThat(reads).hasValue(1);
    }

    private Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    @Test
    void aCacheThatWouldSayTheSameIsNotWrittenAgain() throws IOException {
        Path cacheFile = dir.resolve("cache");
        Path unit = file("unit.csv", "a,b\n1,2\n", Instant.now().minus(1, ChronoUnit.HOURS));
        hashThrough(cacheFile, unit);
        Object written = fileKey(cacheFile);

        hashThrough(cacheFile, unit);

        assertThat(fileKey(cacheFile)).as("the same file, not a new one moved over it").isEqualTo(written);
    }

    @Test
    void aCacheIsWrittenAgainWhenAFileChanged() throws IOException {
        Path cacheFile = dir.resolve("cache");
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        hashThrough(cacheFile, file("unit.csv", "a,b\n1,2\n", hourAgo));
        Object written = fileKey(cacheFile);

        hashThrough(cacheFile, file("unit.csv", "a,b\n1,3\n", hourAgo.plusSeconds(1)));
        reads.set(0);
        hashThrough(cacheFile, dir.resolve("unit.csv"));

        assertThat(fileKey(cacheFile)).isNotEqualTo(written);
        assertThat(reads).as("the new hash kept").hasValue(0);
    }

    @Test
    void aCacheIsWrittenAgainWhenAFileWent() throws IOException {
        Path cacheFile = dir.resolve("cache");
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        Path gone = file("gone.csv", "a,b\n1,2\n", hourAgo);
        Path unit = file("unit.csv", "a,b\n1,3\n", hourAgo);
        FingerprintCache both = FingerprintCache.read(cacheFile);
        for (Path file : new Path[] {gone, unit}) {
            both.hash(file.getFileName().toString(), Files.readAttributes(file, BasicFileAttributes.class),
                    () -> "hash of " + file.getFileName());
        }
        both.write(cacheFile);

        hashThrough(cacheFile, unit);

        assertThat(Files.readString(cacheFile)).doesNotContain("gone.csv").contains("unit.csv");
    }

    @Test
    void aFileModifiedWhileThePassRanIsNotKeptHoweverLongThePassTook() throws IOException {
        // a pass over 100,000 files can take longer than the racy window: what matters is its start
        Path cacheFile = dir.resolve("cache");
        Instant passStarted = Instant.now().minus(20, ChronoUnit.SECONDS);
        Path unit = file("unit.csv", "a,b\n1,2\n", passStarted.plus(5, ChronoUnit.SECONDS));
        FingerprintCache cache = FingerprintCache.read(cacheFile,
                java.util.concurrent.TimeUnit.SECONDS.toNanos(passStarted.getEpochSecond()) + passStarted.getNano());
        cache.hash("unit.csv", Files.readAttributes(unit, BasicFileAttributes.class), () -> "hash as read");

        cache.write(cacheFile);

        assertThat(Files.readString(cacheFile)).doesNotContain("unit.csv");
    }

    @Test
    void aFileTooRecentToBeTrustedIsKeptOnceItIsNoLonger() throws IOException {
        Path cacheFile = dir.resolve("cache");
        Path unit = file("unit.csv", "a,b\n1,2\n", Instant.now());
        hashThrough(cacheFile, unit);
        assertThat(Files.readString(cacheFile)).doesNotContain("unit.csv");

        Files.setLastModifiedTime(unit, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        hashThrough(cacheFile, unit);
        reads.set(0);
        hashThrough(cacheFile, unit);

        assertThat(reads).hasValue(0);
    }

    @Test
    void aCacheCutShortKeepsItsWholeEntries() throws IOException {
        Path cacheFile = dir.resolve("cache");
        Path unit = file("unit.csv", "a,b\n1,2\n", Instant.now().minus(1, ChronoUnit.HOURS));
        hashThrough(cacheFile, unit);
        Files.writeString(cacheFile, "\u0000other.csv\u000012", java.nio.file.StandardOpenOption.APPEND);
        reads.set(0);

        hashThrough(cacheFile, unit);

        assertThat(reads).hasValue(0);
    }
}

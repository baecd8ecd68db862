package cn.zwgk.consolidator.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import cn.zwgk.consolidator.common.RunFile;
import cn.zwgk.consolidator.common.Sha256;

/**
 * The job's output, which is always one complete run. {@code output} is a symbolic link to a
 * version folder inside the program's own working folder beside it, {@code .<output>.consolidator/}:
 *
 * <pre>
 * output                          → .output.consolidator/run-17
 * .output.consolidator/
 *     本文件夹由汇总程序管理.txt    marker: this folder is the program's; nothing else is touched
 *     lock                         the run lock
 *     run-17/                      the published version (run.yml lists every file with its SHA-256)
 *     writing-18/                  a run being written
 *     parts-18/                    accepted values of a run's chunks, until the run has finished
 *     under-way                    a run is going, or ended without its end recorded in the database
 *     explanations-changed         the portal stored a 说明 the published run has not seen
 *     fingerprints                 the submission files' hashes, by name, size, time and inode
 *     outputs                      the published version's files' hashes, by size, times and inode
 * </pre>
 *
 * A new version is written completely, renamed to {@code run-<run>}, and then put in place by one
 * atomic rename of a new link over the old one; readers, and a kill at any instant, see either the
 * old run or the new one. Retired versions lose only the files their run.yml lists, unchanged.
 */
public final class OutputFolder {

    public static final String MARKER = "本文件夹由汇总程序管理.txt";
    static final String MARKER_TEXT = "cn.zwgk.consolidator working folder\n"
            + "本文件夹由政府信息公开年报汇总程序建立和管理（输出的各个版本、运行锁、中间文件）。请勿在此存放其他文件。\n"
            + "Made and managed by the disclosure-report consolidator: output versions, run lock, work files.\n";
    private static final String NEXT_LINK = "next-link";
    private static final Pattern VERSION = Pattern.compile("run-(\\d+)(?:-(\\d+))?");
    private static final Pattern PARTS = Pattern.compile("parts-(\\d+)");
    /** What an output folder of an earlier version of the program held, and nothing else. */
    private static final Set<String> OWN_FILES = Set.of(RunFile.NAME, "consolidated.csv", "status.csv",
            "findings.csv", "report.html", "report.xlsx", "report.docx", "accepted-values.csv", "comparison.csv");
    private static final Map<String, String> OWN_FOLDERS = Map.of("groups", ".csv", "feedback", ".html");

    /** Present while a run is going and until the database has recorded how it ended. */
    public static final String UNDER_WAY = "under-way";
    /** Left by the portal when it stores a 说明: the database knows something run.yml does not. */
    public static final String EXPLANATIONS_CHANGED = "explanations-changed";
    /** The submission files' hashes as the last input fingerprint read them (job/FingerprintCache). */
    public static final String FINGERPRINTS = "fingerprints";
    /** The published version's files by size, times and inode, with their SHA-256 (OutputRecord). */
    public static final String OUTPUT_RECORD = "outputs";
    /** Work files of the two caches: what a kill while writing them leaves says nothing about the run. */
    private static final Set<String> CACHE_FILES = Set.of(FINGERPRINTS, FINGERPRINTS + ".writing", OUTPUT_RECORD,
            OUTPUT_RECORD + ".writing");

    private final Path output;
    private final Path work;

    public OutputFolder(Path output) {
        this.output = OutputLocation.locate(output);
        this.work = workFolderOf(this.output);
    }

    /** The program's working folder beside {@code output}. */
    public static Path workFolderOf(Path output) {
        Path located = OutputLocation.locate(output);
        return located.resolveSibling("." + located.getFileName() + ".consolidator");
    }

    public Path output() {
        return output;
    }

    public Path workFolder() {
        return work;
    }

    /** Whether {@code folder} is a working folder this program made (a real folder with its marker). */
    public static boolean isOurs(Path folder) {
        try {
            return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                    && Files.isRegularFile(folder.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)
                    && Files.readString(folder.resolve(MARKER), StandardCharsets.UTF_8).equals(MARKER_TEXT);
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes the working folder, or checks that the one there is ours. */
    public Path claim() throws IOException {
        if (!Files.exists(work, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(work.getParent());
            // not createTempDirectory: its owner-only permissions would keep the outputs from their readers
            Path making = Files.createDirectory(work.resolveSibling(work.getFileName() + ".making-"
                    + ProcessHandle.current().pid() + "-" + System.nanoTime()));
            Files.writeString(making.resolve(MARKER), MARKER_TEXT, StandardCharsets.UTF_8);
            try {
                Files.move(making, work, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.delete(making.resolve(MARKER));
                Files.delete(making);
                if (!isOurs(work)) {
                    throw e;
                }
            }
        }
        if (!isOurs(work)) {
            throw new IOException(work + " 已存在，但不是本程序的工作文件夹，未使用 (not this program's working folder)");
        }
        return work;
    }

    /** Says that a run is going; stays if the process dies before {@link #markRecorded()}. */
    public void markUnderWay() throws IOException {
        claim();
        Files.writeString(work.resolve(UNDER_WAY), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
    }

    /** The run has ended and the database holds its end: run.yml and the database agree again. */
    public void markRecorded() throws IOException {
        Files.deleteIfExists(work.resolve(UNDER_WAY));
    }

    /** Called by the portal after storing a 说明 of this job; nothing to say before the first run. */
    public void markExplanationsChanged() throws IOException {
        if (isOurs(work)) {
            Files.writeString(work.resolve(EXPLANATIONS_CHANGED), "", StandardCharsets.UTF_8);
        }
    }

    /** A run that is about to read the 说明 from the database takes the portal's note away first. */
    public void takeExplanationsChanged() throws IOException {
        Files.deleteIfExists(work.resolve(EXPLANATIONS_CHANGED));
    }

    /**
     * The run.yml of the published run, when nothing is left for a run to settle: the working
     * folder holds only its marker, the lock, the published version and kept folders (no run
     * under way or killed, no leftovers, no 说明 stored since), and {@code output} holds exactly
     * the files that run.yml lists. Null otherwise.
     */
    public RunFile settledRun() {
        return settledRun(OutputRecord::sha256);
    }

    /** {@link #settledRun()}, reading the outputs that need it with {@code hash}. */
    RunFile settledRun(Function<Path, String> hash) {
        try {
            Path current = current();
            if (current == null || !isOurs(work)) {
                return null;
            }
            for (Path entry : entries(work)) {
                String name = entry.getFileName().toString();
                if (!name.equals(MARKER) && !name.equals("lock") && !CACHE_FILES.contains(name) && !entry.equals(current)
                        && !name.startsWith("kept-")) {
                    return null;
                }
            }
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            RunFile run = RunFile.read(current);
            return !run.files().isEmpty()
                    && OutputRecord.checksums(work, current, run.files(), hash).equals(run.files()) ? run : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public Path lockFile() {
        return work.resolve("lock");
    }

    public Path partsFolder(long runId) {
        return work.resolve("parts-" + runId);
    }

    /** An empty folder to write run {@code runId}'s outputs into. */
    public Path prepare(long runId) throws IOException {
        claim();
        Path writing = work.resolve("writing-" + runId);
        deleteRecursively(writing);
        Files.createDirectories(writing);
        return writing;
    }

    /** Puts the complete outputs in {@code writing} in place of the previous run's. */
    public List<String> commit(Path writing, Map<String, String> runInfo) throws IOException {
        return commit(writing, runInfo, Map.of());
    }

    /** As {@link #commit(Path, Map)}, with the checksums of files already hashed (see {@link RunFile#write(Path, Map, Map)}). */
    public List<String> commit(Path writing, Map<String, String> runInfo, Map<String, String> checksums)
            throws IOException {
        Path version = seal(writing, runInfo, checksums);
        swap(version);
        return retireOthers();
    }

    /** Records every file's checksum in run.yml and makes the writing folder a version. */
    Path seal(Path writing, Map<String, String> runInfo) throws IOException {
        return seal(writing, runInfo, Map.of());
    }

    private Path seal(Path writing, Map<String, String> runInfo, Map<String, String> checksums) throws IOException {
        long stamp;
        Map<String, OutputRecord.Stat> stats;
        try {
            Files.deleteIfExists(work.resolve(OUTPUT_RECORD));
            stamp = OutputRecord.stamp(work);
            stats = OutputRecord.stats(writing);
        } catch (IOException e) {
            stamp = 0;
            stats = null; // no record: the next rerun hashes every output, as before
        }
        RunFile sealed = RunFile.write(writing, runInfo, checksums);
        String run = runInfo.get("run");
        Path version = work.resolve("run-" + run);
        for (int k = 2; Files.exists(version, LinkOption.NOFOLLOW_LINKS); k++) {
            version = work.resolve("run-" + run + "-" + k);
        }
        Files.move(writing, version, StandardCopyOption.ATOMIC_MOVE);
        // the move keeps each file's inode and times: the stats taken in the writing folder hold
        if (stats != null) {
            OutputRecord.write(work, version, stamp, stats, sealed.files());
        }
        return version;
    }

    /** Points {@code output} at {@code version} with one atomic rename. */
    void swap(Path version) throws IOException {
        BasicFileAttributes there = attributes(output);
        if (there != null && there.isDirectory()) {
            moveAsideRealFolder();
        } else if (there != null && !(there.isSymbolicLink() && current() != null)) {
            throw new IOException(output + " 现在是一个不由本程序写出的文件，未替换 (not written by this program)");
        }
        Path link = work.resolve(NEXT_LINK);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(work.getFileName().toString(), version.getFileName().toString()));
        Files.move(link, output, StandardCopyOption.ATOMIC_MOVE);
    }

    /** An empty folder goes; an output folder of an earlier version is moved in, to be retired. */
    private void moveAsideRealFolder() throws IOException {
        if (isEmptyFolder(output)) {
            Files.delete(output); // fails, keeping it, if something was put in meanwhile
        } else if (isEarlierOutput(output)) {
            Path aside = work.resolve("run-" + RunFile.runOf(output) + "-earlier");
            for (int k = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); k++) {
                aside = work.resolve("run-" + RunFile.runOf(output) + "-earlier-" + k);
            }
            Files.move(output, aside, StandardCopyOption.ATOMIC_MOVE);
        } else {
            throw new IOException(output + " 现在是一个含有其他内容的文件夹，未替换 (a folder holding other things)");
        }
    }

    /** The version {@code output} links to, or null when it is no link of ours. */
    Path current() {
        try {
            if (!Files.isSymbolicLink(output)) {
                return null;
            }
            Path target = output.resolveSibling(Files.readSymbolicLink(output)).normalize();
            return work.equals(target.getParent()) ? target : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Retires every version but the current one; says what was kept. */
    List<String> retireOthers() throws IOException {
        List<String> notes = new ArrayList<>();
        Path current = current();
        for (Path version : entries(work)) {
            String name = version.getFileName().toString();
            if ((VERSION.matcher(name).matches() || name.contains("-earlier")) && !version.equals(current)
                    && Files.isDirectory(version, LinkOption.NOFOLLOW_LINKS)) {
                retire(version, notes);
            }
        }
        return notes;
    }

    /**
     * Deletes the files a version's run.yml lists, if unchanged, then run.yml and the emptied
     * folders. Anything else stays, in a folder renamed {@code kept-…}.
     */
    private void retire(Path version, List<String> notes) throws IOException {
        RunFile run;
        try {
            run = RunFile.read(version);
        } catch (IOException e) {
            run = null;
        }
        if (run != null && !run.files().isEmpty()) {
            for (Map.Entry<String, String> file : run.files().entrySet()) {
                Path path = version.resolve(file.getKey()).normalize();
                if (path.startsWith(version) && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                        && Sha256.hex(path).equals(file.getValue())) {
                    Files.delete(path);
                }
            }
            Files.deleteIfExists(version.resolve(RunFile.NAME));
        } else if (run != null) {
            // an earlier version listed no files: those of the names it wrote go
            try (Stream<Path> walk = Files.walk(version)) {
                for (Path path : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    if (isOwnName(version.relativize(path))) {
                        Files.delete(path);
                    }
                }
            }
        }
        deleteEmptyFolders(version);
        if (Files.exists(version, LinkOption.NOFOLLOW_LINKS)) {
            Path kept = work.resolve("kept-" + version.getFileName());
            Files.move(version, kept, StandardCopyOption.ATOMIC_MOVE);
            notes.add("旧版本中有不是本程序写的或被改动过的文件，已保留在 " + kept
                    + " (files not written by this program were kept)");
        }
    }

    /**
     * Cleans what interrupted runs left in the working folder: writing folders, the next link,
     * the parts of runs that have finished, versions no longer current; and puts the newest
     * version back in place when a kill left {@code output} missing.
     */
    public List<String> cleanLeftovers(LongPredicate finished) throws IOException {
        List<String> notes = new ArrayList<>();
        for (Path making : entries(work.getParent())) {
            // a working folder that a kill left half made: ours only if it holds our marker and nothing else
            if (making.getFileName().toString().startsWith(work.getFileName() + ".making-") && isOurs(making)
                    && entries(making).size() == 1) {
                Files.delete(making.resolve(MARKER));
                Files.delete(making);
            }
        }
        if (!isOurs(work)) {
            return notes;
        }
        Files.deleteIfExists(work.resolve(NEXT_LINK));
        Path newest = null;
        for (Path entry : entries(work)) {
            String name = entry.getFileName().toString();
            Matcher parts = PARTS.matcher(name);
            Matcher version = VERSION.matcher(name);
            if (name.startsWith("writing-") || (parts.matches() && finished.test(Long.parseLong(parts.group(1))))) {
                deleteRecursively(entry);
            } else if (version.matches() && Files.isRegularFile(entry.resolve(RunFile.NAME))
                    && (newest == null || newerThan(name, newest.getFileName().toString()))) {
                newest = entry;
            }
        }
        if (attributes(output) == null && newest != null) {
            swap(newest);
            notes.add("上次运行在替换输出时中断，已恢复 " + output + " → run " + RunFile.runOf(newest)
                    + " (restored the output an interrupted run left missing)");
        }
        notes.addAll(retireOthers());
        return notes;
    }

    private static boolean newerThan(String a, String b) {
        Matcher x = VERSION.matcher(a);
        Matcher y = VERSION.matcher(b);
        x.matches();
        y.matches();
        Comparator<Matcher> order = Comparator.<Matcher>comparingLong(m -> Long.parseLong(m.group(1)))
                .thenComparingLong(m -> m.group(2) == null ? 1 : Long.parseLong(m.group(2)));
        return order.compare(x, y) > 0;
    }

    /**
     * Whether {@code output} holds exactly what run {@code runId} wrote: its run.yml names the
     * run and lists every file there, each with the checksum it had when written.
     */
    public static boolean holdsExactly(Path output, long runId) {
        try {
            if (!Files.isDirectory(output)) {
                return false;
            }
            Path folder = output.toRealPath();
            RunFile run = RunFile.read(folder);
            return Long.toString(runId).equals(run.info().get("run")) && !run.files().isEmpty()
                    && RunFile.checksums(folder).equals(run.files());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code folder} is a real folder written by an earlier version of the program: its
     * run.yml names a run, and it holds only files of the names the program writes.
     */
    public static boolean isEarlierOutput(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || RunFile.runOf(folder) == null) {
            return false;
        }
        for (Path entry : entries(folder)) {
            String name = entry.getFileName().toString();
            if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) ? !OWN_FILES.contains(name)
                    : !OWN_FOLDERS.containsKey(name) || !holdsOnly(entry, OWN_FOLDERS.get(name))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOwnName(Path relative) {
        String name = relative.getFileName().toString();
        return relative.getNameCount() == 1 ? OWN_FILES.contains(name)
                : relative.getNameCount() == 2 && OWN_FOLDERS.containsKey(relative.getName(0).toString())
                        && name.endsWith(OWN_FOLDERS.get(relative.getName(0).toString()));
    }

    private static boolean holdsOnly(Path folder, String ending) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return entries(folder).stream().allMatch(
                f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && f.getFileName().toString().endsWith(ending));
    }

    static boolean isEmptyFolder(Path folder) {
        return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && entries(folder).isEmpty();
    }

    private static List<Path> entries(Path folder) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            return entries;
        }
        entries.sort(null);
        return entries;
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void deleteEmptyFolders(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Path entry : entries(folder)) {
            deleteEmptyFolders(entry);
        }
        if (entries(folder).isEmpty()) {
            Files.delete(folder);
        }
    }

    /** Only ever called on folders inside the working folder, which are the program's own. */
    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

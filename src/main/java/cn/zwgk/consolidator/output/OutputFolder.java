package cn.zwgk.consolidator.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The job's output folder, replaced as a whole: a run writes into a sibling folder and swaps it in
 * only when every file is complete, so readers never see a mix of two runs.
 */
public final class OutputFolder {

    private final Path target;
    private final Path staging;

    public OutputFolder(Path target, String runTag) {
        this.target = target.toAbsolutePath().normalize();
        this.staging = this.target.resolveSibling("." + this.target.getFileName() + ".writing-" + runTag);
    }

    /** An empty folder beside the output folder to write the new files into. */
    public Path prepare() throws IOException {
        deleteRecursively(staging);
        Files.createDirectories(staging);
        return staging;
    }

    /** Puts the staged files in place of the previous run's. */
    public void commit() throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + ".previous");
        deleteRecursively(old);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(old);
    }

    public Path target() {
        return target;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

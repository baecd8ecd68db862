package cn.zwgk.consolidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import cn.zwgk.consolidator.common.Sha256;

/** Every entry under a folder, by relative path, with the SHA-256 of a file, a link's target, or "folder". */
public final class FolderChecksum {

    private FolderChecksum() {
    }

    public static Map<String, String> of(Path root) {
        return of(root, path -> false);
    }

    /** @param skip entries (relative to root) left out with everything under them */
    public static Map<String, String> of(Path root, Predicate<Path> skip) {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(path -> {
                Path relative = root.relativize(path);
                for (int i = 1; i <= relative.getNameCount(); i++) {
                    if (skip.test(relative.subpath(0, i))) {
                        return;
                    }
                }
                entries.put(relative.toString(), describe(path));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static String describe(Path path) {
        try {
            if (Files.isSymbolicLink(path)) {
                return "link:" + Files.readSymbolicLink(path);
            }
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                return "folder";
            }
            return Sha256.hex(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package cn.zwgk.consolidator.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import cn.zwgk.consolidator.common.ConfigurationException;

/**
 * Where a job's outputs may go (docs/outputs.md): a missing folder, an empty folder, or a previous
 * output of this program; never the job's inputs, the program's data, the root or the working
 * folder, nor anything holding or inside them. Checked before anything is read or written.
 */
public final class OutputLocation {

    /** A path the output must keep clear of, with what it is, in the users' words. */
    public record Protected(String what, String english, Path path) {
    }

    /** The output location is refused: the message names the path and why. */
    public static final class Refused extends ConfigurationException {

        public Refused(String message) {
            super(message);
        }
    }

    private OutputLocation() {
    }

    /**
     * Where {@code path} really is: its folder with every link and {@code ..} resolved as the
     * file system resolves them, and its own name, which is not followed.
     */
    public static Path locate(Path path) {
        Path absolute = path.toAbsolutePath();
        Path name = absolute.getFileName();
        if (name == null || name.toString().equals(".") || name.toString().equals("..")) {
            return real(absolute);
        }
        return real(absolute.getParent()).resolve(name);
    }

    /** {@code path} with every existing part resolved to what it really is, the rest as written. */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath();
        Path current = absolute.getRoot();
        boolean existing = true;
        for (Path part : absolute) {
            String name = part.toString();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            current = current.resolve(part);
            if (existing) {
                try {
                    current = current.toRealPath();
                } catch (IOException e) {
                    existing = false;
                }
            }
        }
        return current;
    }

    /**
     * @param output     the job's output path
     * @param protectedPaths the job's inputs and the program's data
     * @param workingFolder the folder relative paths are relative to
     * @throws Refused with one line naming the path and why
     */
    public static void check(Path output, List<Protected> protectedPaths, Path workingFolder) {
        Path location = locate(output);
        String named = "输出位置 " + output + (output.isAbsolute() ? "" : "（即 " + location + "）");
        if (location.getParent() == null) {
            throw new Refused(named + " 是根目录，不能作为输出文件夹 (output is the root folder)");
        }
        Path working = real(workingFolder);
        if (location.equals(working)) {
            throw new Refused(named + " 就是当前工作文件夹，不能作为输出文件夹 (output is the working folder)");
        }
        for (Protected kept : protectedPaths) {
            for (Path path : List.of(locate(kept.path()), real(kept.path()))) {
                if (location.equals(path)) {
                    throw new Refused(named + " 就是" + kept.what() + "，不能作为输出文件夹 (output is the " + kept.english() + ")");
                }
                if (path.startsWith(location)) {
                    throw new Refused(named + " 包含" + kept.what() + " " + kept.path()
                            + "，不能作为输出文件夹 (output contains the " + kept.english() + ")");
                }
                if (location.startsWith(path)) {
                    throw new Refused(named + " 位于" + kept.what() + " " + kept.path()
                            + " 之内，不能作为输出文件夹 (output lies inside the " + kept.english() + ")");
                }
            }
        }
        if (working.startsWith(location)) {
            throw new Refused(named + " 包含当前工作文件夹，不能作为输出文件夹 (output contains the working folder)");
        }
        Path above = location.getParent();
        while (above != null && !Files.exists(above, LinkOption.NOFOLLOW_LINKS)) {
            above = above.getParent();
        }
        if (above != null && !Files.isDirectory(above)) {
            throw new Refused(named + " 的上级 " + above + " 是一个文件，不是文件夹 (a parent of the output is a file)");
        }
        if (Files.isSymbolicLink(location)) {
            if (new OutputFolder(location).current() == null || !OutputFolder.isOurs(OutputFolder.workFolderOf(location))) {
                throw new Refused(named + " 是一个不由本程序建立的链接，不替换 (a link this program did not make)");
            }
        } else if (Files.exists(location, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(location, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused(named + " 是一个已有的文件，不能作为输出文件夹，本程序不覆盖它 (output is an existing file)");
            }
            if (!OutputFolder.isEmptyFolder(location) && !OutputFolder.isEarlierOutput(location)) {
                throw new Refused(named + " 是一个含有其他内容的文件夹（不是本程序以前的输出），本程序不替换它"
                        + " (output is a folder holding other things)");
            }
        }
        Path work = OutputFolder.workFolderOf(location);
        if (Files.exists(work, LinkOption.NOFOLLOW_LINKS) && !OutputFolder.isOurs(work)) {
            throw new Refused(named + " 旁边的 " + work.getFileName() + " 已存在，但不是本程序的工作文件夹，本程序不使用它"
                    + " (the program's working name beside the output is taken)");
        }
    }
}

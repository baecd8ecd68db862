package cn.zwgk.consolidator.submission;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.registry.Unit;
import cn.zwgk.consolidator.registry.UnitRegistry;

/** Lists what the units dropped into the submissions folder, so that nothing in it is ever overlooked. */
public final class SubmissionFolder {

    /**
     * An upload the portal is writing (a hidden {@code .<code>.<number>.upload}), renamed to the
     * unit's file in one step when complete: not yet an entry of the folder, so that a run that
     * lists the folder at that instant neither reports it as unknown nor fingerprints it.
     */
    private static final Pattern UPLOAD_IN_FLIGHT = Pattern.compile("\\.[A-Za-z0-9_-]{1,64}\\.[0-9]+\\.upload");

    private SubmissionFolder() {
    }

    /** The prefix and suffix of the portal's upload in flight for a unit, for {@code Files.createTempFile}. */
    public static String[] uploadInFlight(String code) {
        return new String[] {"." + code + ".", ".upload"};
    }

    /** Whether a folder entry is an upload the portal is still writing, see {@link #uploadInFlight}. */
    public static boolean isUploadInFlight(String name) {
        return UPLOAD_IN_FLIGHT.matcher(name).matches();
    }

    /**
     * Every registry unit in registry order, then every other entry of the folder by name: files
     * whose stem is no unit code, folders, hidden files, links.
     */
    public static List<SubmissionEntry> scan(Path folder, UnitRegistry registry) {
        requireFolder(folder);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path path : stream) {
                String name = path.getFileName().toString();
                if (!isUploadInFlight(name)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException("报送文件夹 " + folder + " 无法读取：" + e.getMessage());
        }
        names.sort(null);
        Map<String, String> fileOfUnit = new HashMap<>();
        List<String> others = new ArrayList<>();
        for (String name : names) {
            String stem = submissionStem(name);
            // Whether it is a regular file is decided when it is read: one system call less per file.
            if (stem != null && registry.find(stem) != null && !fileOfUnit.containsKey(stem)) {
                fileOfUnit.put(stem, name);
            } else {
                others.add(name);
            }
        }
        List<SubmissionEntry> entries = new ArrayList<>();
        for (Unit unit : registry.units()) {
            entries.add(new SubmissionEntry(entries.size(), unit, unit.code(), fileOfUnit.get(unit.code())));
        }
        for (String name : others) {
            String stem = submissionStem(name);
            entries.add(new SubmissionEntry(entries.size(), null, stem == null ? name : stem, name));
        }
        return entries;
    }

    /**
     * @throws ConfigurationException when the folder the job names is not there
     */
    public static void requireFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigurationException("报送文件夹 " + folder + " 不存在 (submissions folder not found)");
        }
    }

    /**
     * {@code qiaocheng.csv} and {@code qiaocheng.xlsx} give {@code qiaocheng}; an ending in any
     * letter case counts, as Windows writes it. Null for any other name.
     */
    public static String submissionStem(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ending : new String[] {".csv", ".xlsx"}) {
            if (name.length() > ending.length() && lower.endsWith(ending)) {
                return name.substring(0, name.length() - ending.length());
            }
        }
        return null;
    }

    /** Whether the file is an Excel workbook rather than CSV text. */
    public static boolean isWorkbook(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }
}

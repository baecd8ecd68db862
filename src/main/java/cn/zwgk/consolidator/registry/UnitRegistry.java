package cn.zwgk.consolidator.registry;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.common.Sha256;
import cn.zwgk.consolidator.common.TextDecoder;

/** The units expected to report, from {@code units.csv} ({@code code,name,group}). */
public final class UnitRegistry {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private final List<Unit> units;
    private final Map<String, Unit> byCode = new HashMap<>();

    public UnitRegistry(List<Unit> units) {
        this.units = List.copyOf(units);
        units.forEach(unit -> byCode.put(unit.code(), unit));
    }

    public List<Unit> units() {
        return units;
    }

    public Unit find(String code) {
        return byCode.get(code);
    }

    public int size() {
        return units.size();
    }

    /** The registry read last, with the SHA-256 of its bytes. */
    private record Read(Path file, String sha256, UnitRegistry registry) {
    }

    private static volatile Read last;

    /**
     * A run reads the registry before it starts and again when its check step starts: the second
     * read of the same bytes gets the registry of the first, which for a province's 20,000 units
     * saves a few tenths of a second of a single thread before checking can begin. Keyed by the
     * content, as the input fingerprint is, not by the file's size and time, which an edit in place
     * on a coarse clock (or NFS) can leave unchanged.
     *
     * @throws ConfigurationException naming the file and line of the first thing wrong
     */
    public static UnitRegistry read(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException("单位名录 " + file + " 不存在 (unit registry not found)");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigurationException("单位名录 " + file + " 超过 16 MiB (unit registry too large)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException("单位名录 " + file + " 无法读取：" + e.getMessage());
        }
        Path absolute = file.toAbsolutePath().normalize();
        String sha256 = Sha256.hex(bytes);
        Read known = last;
        if (known != null && known.file().equals(absolute) && known.sha256().equals(sha256)) {
            return known.registry();
        }
        UnitRegistry registry = parse(file, bytes);
        last = new Read(absolute, sha256, registry);
        return registry;
    }

    private static UnitRegistry parse(Path file, byte[] bytes) {
        String text = TextDecoder.decode(bytes);
        if (text == null) {
            throw new ConfigurationException("单位名录 " + file + " 不是可识别的文本 (unit registry is not text)");
        }
        List<Unit> units = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT.builder()
                .setIgnoreEmptyLines(true).get())) {
            Map<String, Integer> columns = null;
            Set<String> codes = new HashSet<>();
            for (CSVRecord record : parser) {
                if (isBlank(record)) {
                    continue;
                }
                if (columns == null) {
                    columns = header(file, record);
                    continue;
                }
                String code = get(record, columns, "code");
                String name = get(record, columns, "name");
                String group = columns.containsKey("group") ? get(record, columns, "group") : "";
                if (!CODE.matcher(code).matches()) {
                    throw new ConfigurationException(where(file, record) + "单位代码“" + code
                            + "”不合规，应为 1–64 个字符的 A-Z a-z 0-9 _ - (unsafe unit code)");
                }
                if (!codes.add(code)) {
                    throw new ConfigurationException(where(file, record) + "单位代码“" + code + "”重复 (duplicate unit code)");
                }
                if (name.isEmpty()) {
                    throw new ConfigurationException(where(file, record) + "单位“" + code + "”缺少名称 (empty unit name)");
                }
                if (!group.isEmpty() && !isSafeGroup(group)) {
                    throw new ConfigurationException(where(file, record) + "分组“" + group
                            + "”不合规：应为 1–64 个字符，不含 / \\ .. 和控制字符 (unsafe group)");
                }
                units.add(new Unit(code, name, group.isEmpty() ? null : group));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new ConfigurationException("单位名录 " + file + " 不是有效的 CSV：" + e.getMessage());
        }
        if (units.isEmpty()) {
            throw new ConfigurationException("单位名录 " + file + " 没有任何单位 (unit registry is empty)");
        }
        return new UnitRegistry(units);
    }

    private static boolean isBlank(CSVRecord record) {
        for (int i = 0; i < record.size(); i++) {
            if (!record.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Made only for a message: 20,000 rows would otherwise each build one. */
    private static String where(Path file, CSVRecord record) {
        return "单位名录 " + file + " 第 " + record.getRecordNumber() + " 条记录：";
    }

    private static Map<String, Integer> header(Path file, CSVRecord record) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            columns.put(record.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        if (!columns.containsKey("code") || !columns.containsKey("name")) {
            throw new ConfigurationException("单位名录 " + file + " 的标题行应为 code,name,group (registry header must be code,name,group)");
        }
        return columns;
    }

    private static String get(CSVRecord record, Map<String, Integer> columns, String column) {
        int position = columns.get(column);
        return position < record.size() ? record.get(position).strip() : "";
    }

    /** A group names a file under groups/: it must never leave that folder or confuse a terminal. */
    static boolean isSafeGroup(String group) {
        if (group.length() > 64 || group.contains("..") || group.contains("/") || group.contains("\\")) {
            return false;
        }
        return group.chars().noneMatch(c -> Character.isISOControl(c) || c == ':' || c == '\u0000');
    }
}

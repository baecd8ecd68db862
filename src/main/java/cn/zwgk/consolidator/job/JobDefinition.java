package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import cn.zwgk.consolidator.registry.ConfigurationException;
import cn.zwgk.consolidator.validation.SubmissionCheck;

/**
 * What an office sets up for one year ({@code jobs/*.yml}), with the command line's overrides
 * applied. Relative paths are relative to the working directory.
 */
public record JobDefinition(
        Path file,
        String name,
        int year,
        String template,
        Path units,
        Path submissions,
        Path output,
        Path previous,
        boolean blankAsZero,
        long maxFileSize,
        Schedule schedule,
        String organisation,
        LocalDate deadline) {

    /** The keys a job file may hold; each may also be given as {@code --key=value}. */
    public static final List<String> KEYS = List.of("name", "year", "template", "units", "submissions", "output",
            "previous", "blank-as-zero", "max-file-size", "schedule", "organisation", "deadline");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|KB|MiB|MB)", Pattern.CASE_INSENSITIVE);

    /**
     * @param overrides values from the command line, by key, winning over the file's
     * @throws ConfigurationException with a one-line reason
     */
    public static JobDefinition load(Path file, Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>(read(file));
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigurationException("任务文件 " + file + "：未知的设置项“" + key + "”，可用：" + String.join(", ", KEYS)
                        + " (unknown key in job file)");
            }
        }
        values.putAll(overrides);
        String name = required(file, values, "name");
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationException("任务文件 " + file + "：name “" + name
                    + "” 只能由 A-Z a-z 0-9 _ . - 组成 (invalid job name)");
        }
        int year;
        try {
            year = Integer.parseInt(required(file, values, "year"));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("任务文件 " + file + "：year 应为四位年份，如 2020 (year must be a number)");
        }
        if (year < 2008 || year > 2100) {
            throw new ConfigurationException("任务文件 " + file + "：year " + year + " 不是有效的报告年度 (year out of range)");
        }
        String previous = optional(values, "previous");
        String schedule = optional(values, "schedule");
        return new JobDefinition(file, name, year, required(file, values, "template"),
                Path.of(required(file, values, "units")), Path.of(required(file, values, "submissions")),
                Path.of(required(file, values, "output")), previous == null ? null : Path.of(previous),
                bool(file, optional(values, "blank-as-zero")), size(file, optional(values, "max-file-size")),
                schedule == null ? null : Schedule.parse(schedule), optional(values, "organisation"),
                date(file, values.get("deadline")));
    }

    /** YAML reads {@code 2021-01-31} as a timestamp, the command line gives text: both are a day. */
    private static LocalDate date(Path file, Object value) {
        if (value instanceof Date date) {
            return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        if (value == null || String.valueOf(value).isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(String.valueOf(value).strip());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("任务文件 " + file + "：deadline “" + value
                    + "” 应为日期，如 2021-01-31 (not an ISO date)");
        }
    }

    private static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("任务文件 " + file + " 不存在 (job file not found)");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(root instanceof Map<?, ?> map)) {
                throw new ConfigurationException("任务文件 " + file + " 应为 “键: 值” 形式的 YAML (job file is not a YAML mapping)");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            map.forEach((key, value) -> values.put(String.valueOf(key), value));
            return values;
        } catch (IOException | YAMLException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigurationException("任务文件 " + file + " 无法读取：" + reason);
        }
    }

    private static String required(Path file, Map<String, Object> values, String key) {
        String value = optional(values, key);
        if (value == null) {
            throw new ConfigurationException("任务文件 " + file + " 缺少 " + key + " (missing key '" + key + "')");
        }
        return value;
    }

    private static String optional(Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            return null;
        }
        return String.valueOf(value).strip();
    }

    private static boolean bool(Path file, String value) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new ConfigurationException("任务文件 " + file + "：blank-as-zero 应为 true 或 false (not a boolean)");
        };
    }

    private static long size(Path file, String value) {
        if (value == null) {
            return SubmissionCheck.DEFAULT_MAX_BYTES;
        }
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw new ConfigurationException("任务文件 " + file + "：max-file-size “" + value
                    + "” 应为字节数或带单位的大小，如 5MiB (invalid size)");
        }
        long number = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "kib", "kb" -> number * 1024;
            case "mib", "mb" -> number * 1024 * 1024;
            default -> number;
        };
    }
}

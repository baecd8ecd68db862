package cn.zwgk.consolidator.job;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.util.unit.DataSize;

import cn.zwgk.consolidator.common.ConfigurationException;

/**
 * The settings of a job as Spring Boot's binder fills them from the job file, the command line's
 * {@code --key=value} and {@code consolidator.*} in application.properties: one set of
 * conversions for all three. {@link #check} then holds each value to its range.
 */
@ConfigurationProperties("consolidator")
public class JobSettings {

    /** The keys a job file may hold, with what each must be, for the one-line messages. */
    public static final Map<String, String> EXPECTED = orderedMap(
            "name", "1–100 个 A-Z a-z 0-9 _ . - 字符，如 bozhou-2020",
            "year", "2008 到 2100 之间的四位年份，如 2020",
            "template", "gov-2019、gov-2021 或一个 .yml 模板文件",
            "units", "单位名录文件（units.csv）的路径",
            "submissions", "报送文件夹的路径",
            "output", "输出文件夹的路径",
            "previous", "上一年度输出文件夹的路径",
            "blank-as-zero", "true 或 false",
            "max-file-size", "1KiB 到 100MiB 之间的大小，如 5MiB、512KiB 或字节数 1048576",
            "schedule", "cron 表达式，如 \"0 2 * * *\"（每天 2:00）",
            "organisation", "不超过 100 个字的机关名称，如 亳州市人民政府",
            "deadline", "ISO 日期，如 2021-01-31");

    public static final DataSize SMALLEST_FILE_LIMIT = DataSize.ofKilobytes(1);
    public static final DataSize LARGEST_FILE_LIMIT = DataSize.ofMegabytes(100);
    public static final DataSize DEFAULT_FILE_LIMIT = DataSize.ofMegabytes(5);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(B|KIB|KB|MIB|MB|GIB|GB)?");

    private String name;
    private Integer year;
    private String template;
    private String units;
    private String submissions;
    private String output;
    private String previous;
    private Boolean blankAsZero;
    private DataSize maxFileSize;
    private String schedule;
    private String organisation;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate deadline;

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /**
     * The sizes the README documents: bytes, {@code KiB}/{@code KB} and {@code MiB}/{@code MB},
     * all binary, in any letter case; handed to {@link DataSize} for the arithmetic, which refuses
     * an overflow.
     */
    public static DataSize parseSize(String text) {
        var m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        String unit = m.group(2) == null ? "B" : m.group(2).replace("I", "");
        return DataSize.parse(m.group(1) + unit);
    }

    /** A path given as text; text that can be no path (a NUL, say) is a one-line mistake. */
    public static Path path(String key, String value, Function<String, String> named) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(named.apply(key) + " “" + printable(value) + "” 不是有效的路径（"
                    + e.getReason() + "），应为" + EXPECTED.getOrDefault(key, "文件或文件夹的路径") + " (invalid path)");
        }
    }

    /** Why a file could not be opened or made, in the user's words rather than an exception's name. */
    public static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "没有权限";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "不存在";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "同名的文件已存在";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "路径中有一段不是文件夹";
        }
        return "无法访问";
    }

    /** A value as it can be shown on one line of the console. */
    public static String printable(String value) {
        StringBuilder shown = new StringBuilder();
        value.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > 200 ? shown + "…" : shown.toString();
    }

    /**
     * Holds every value to its range.
     *
     * @param required  the keys that must be set
     * @param named     a key as the user gave it, with where: {@code 任务文件 jobs/x.yml：year}
     * @param given     a key's value as the user wrote it
     * @param missingIn where a missing key should have been: {@code 任务文件 jobs/x.yml}
     * @throws ConfigurationException naming the first key that is wrong
     */
    void check(List<String> required, Function<String, String> named, Function<String, String> given,
            String missingIn) {
        for (String key : required) {
            if (value(key) == null) {
                throw new ConfigurationException(missingIn + " 缺少 " + key + "，应为" + EXPECTED.get(key)
                        + " (missing key '" + key + "')");
            }
        }
        if (name != null && !NAME.matcher(name).matches()) {
            throw wrong(named, "name", name);
        }
        if (year != null && (year < 2008 || year > 2100)) {
            throw wrong(named, "year", given.apply("year"));
        }
        if (maxFileSize != null && (maxFileSize.compareTo(SMALLEST_FILE_LIMIT) < 0
                || maxFileSize.compareTo(LARGEST_FILE_LIMIT) > 0)) {
            throw wrong(named, "max-file-size", given.apply("max-file-size"));
        }
        if (organisation != null && organisation.codePointCount(0, organisation.length()) > 100) {
            throw wrong(named, "organisation", organisation);
        }
    }

    /** One line: the key where it was given, the value, and what it should be. */
    public static ConfigurationException wrong(Function<String, String> named, String key, String value) {
        return new ConfigurationException(named.apply(key) + " “" + printable(value) + "” 无效，应为"
                + EXPECTED.get(key) + " (invalid " + key + ")");
    }

    Object value(String key) {
        return switch (key) {
            case "name" -> name;
            case "year" -> year;
            case "template" -> template;
            case "units" -> units;
            case "submissions" -> submissions;
            case "output" -> output;
            case "previous" -> previous;
            case "blank-as-zero" -> blankAsZero;
            case "max-file-size" -> maxFileSize;
            case "schedule" -> schedule;
            case "organisation" -> organisation;
            case "deadline" -> deadline;
            default -> throw new IllegalArgumentException(key);
        };
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getYear() {
        return year;
    }

    public void setYear(Integer year) {
        this.year = year;
    }

    public String getTemplate() {
        return template;
    }

    public void setTemplate(String template) {
        this.template = template;
    }

    public String getUnits() {
        return units;
    }

    public void setUnits(String units) {
        this.units = units;
    }

    public String getSubmissions() {
        return submissions;
    }

    public void setSubmissions(String submissions) {
        this.submissions = submissions;
    }

    public String getOutput() {
        return output;
    }

    public void setOutput(String output) {
        this.output = output;
    }

    public String getPrevious() {
        return previous;
    }

    public void setPrevious(String previous) {
        this.previous = previous;
    }

    public Boolean getBlankAsZero() {
        return blankAsZero;
    }

    public void setBlankAsZero(Boolean blankAsZero) {
        this.blankAsZero = blankAsZero;
    }

    public DataSize getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(DataSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getOrganisation() {
        return organisation;
    }

    public void setOrganisation(String organisation) {
        this.organisation = organisation;
    }

    public LocalDate getDeadline() {
        return deadline;
    }

    public void setDeadline(LocalDate deadline) {
        this.deadline = deadline;
    }
}

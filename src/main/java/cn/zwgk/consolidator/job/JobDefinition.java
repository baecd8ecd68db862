package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.util.unit.DataSize;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import cn.zwgk.consolidator.common.ConfigurationException;

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

    /** The keys a job file may hold; each but {@code name} may also be given as {@code --key=value}. */
    public static final List<String> KEYS = List.copyOf(JobSettings.EXPECTED.keySet());

    /** A job file is a dozen lines: anything much bigger is the wrong file. */
    public static final long MAX_JOB_FILE_BYTES = 1024 * 1024;

    private static final List<String> REQUIRED = List.of("name", "year", "template", "units", "submissions",
            "output");

    /** Made on the first binding, not when the class loads: {@code validate} without settings never binds. */
    private static final class Conversions {

        /**
         * Boot's own: the binder adds its shared one unless given one of these, so a lighter
         * service would cost both (docs/performance.md).
         */
        static final ApplicationConversionService SERVICE = conversions();

        private static ApplicationConversionService conversions() {
            ApplicationConversionService conversions = new ApplicationConversionService();
            // added last, so it wins over Boot's own String-to-DataSize, which knows no KiB/MiB
            conversions.addConverter(String.class, DataSize.class, JobSettings::parseSize);
            return conversions;
        }
    }

    /**
     * Where settings were given, for the one-line messages: a label, how a key is written there,
     * and the values by key (the job file's keys, without prefix).
     */
    public record Source(String label, String keyPrefix, Map<String, String> values) {

        String named(String key) {
            return label + "：" + keyPrefix + key;
        }
    }

    /** The command line's {@code --key=value} settings as a source. */
    public static Source commandLine(Map<String, String> values) {
        return new Source("命令行", "--", values);
    }

    /**
     * @param overrides values from the command line, by key, winning over the file's
     * @throws ConfigurationException with a one-line reason
     */
    public static JobDefinition load(Path file, Map<String, String> overrides) {
        String where = "任务文件 " + file;
        Map<String, String> values = read(file);
        List<Source> sources = new ArrayList<>();
        sources.add(commandLine(overrides));
        sources.add(new Source(where, "", values));
        sources.addAll(ApplicationDefaults.sources());
        Function<String, String> named = named(sources, where);
        JobSettings settings = bind(sources, REQUIRED, where);
        Schedule schedule = null;
        if (settings.getSchedule() != null) {
            try {
                schedule = Schedule.parse(settings.getSchedule());
            } catch (ConfigurationException e) {
                throw new ConfigurationException(named.apply("schedule") + " " + e.getMessage());
            }
        }
        Path previous = settings.getPrevious() == null ? null
                : JobSettings.path("previous", settings.getPrevious(), named);
        DataSize maxFileSize = settings.getMaxFileSize() == null ? JobSettings.DEFAULT_FILE_LIMIT
                : settings.getMaxFileSize();
        return new JobDefinition(file, settings.getName(), settings.getYear(), settings.getTemplate(),
                JobSettings.path("units", settings.getUnits(), named),
                JobSettings.path("submissions", settings.getSubmissions(), named),
                JobSettings.path("output", settings.getOutput(), named), previous,
                Boolean.TRUE.equals(settings.getBlankAsZero()), maxFileSize.toBytes(), schedule,
                settings.getOrganisation(), settings.getDeadline());
    }

    /**
     * The registry must be a readable file and the submissions a readable folder, before either is
     * read: a mistake here is the office's, said in one line naming the key.
     *
     * @throws ConfigurationException naming the key, the path and what is wrong with it
     */
    public void requireInputs() {
        requireReadable("units", units, false);
        requireReadable("submissions", submissions, true);
    }

    private static void requireReadable(String key, Path path, boolean folder) {
        String said = key + " “" + JobSettings.printable(path.toString()) + "”";
        String expected = "，应为" + JobSettings.EXPECTED.get(key);
        if (!Files.exists(path)) {
            throw new ConfigurationException(said + " 不存在" + expected + " (not found)");
        }
        if (folder != Files.isDirectory(path)) {
            throw new ConfigurationException(said + (folder ? " 不是文件夹" : " 是文件夹") + expected
                    + " (wrong kind of path)");
        }
        if (!Files.isReadable(path)) {
            throw new ConfigurationException(said + " 没有读取权限" + expected + " (not readable)");
        }
    }

    /**
     * The command line's settings over the {@code consolidator.*} defaults of application.properties,
     * by the job's rules, so that a unit's check of its file and the office's run agree; null when
     * neither gives any (the binder is then not loaded at all, for a quick answer).
     */
    public static JobSettings bindWithDefaults(Map<String, String> commandLine) {
        return bindWithDefaults(commandLine, Path.of(""));
    }

    static JobSettings bindWithDefaults(Map<String, String> commandLine, Path workingDirectory) {
        List<Source> sources = new ArrayList<>();
        sources.add(commandLine(commandLine));
        sources.addAll(ApplicationDefaults.sources(workingDirectory));
        if (sources.stream().allMatch(source -> source.values().isEmpty())) {
            return null;
        }
        return bind(sources, List.of(), "命令行");
    }

    /**
     * Binds the sources, highest first, with Spring Boot's binder, and holds each value to its range.
     *
     * @param missingIn where a missing required key should have been given
     */
    public static JobSettings bind(List<Source> sources, List<String> required, String missingIn) {
        List<ConfigurationPropertySource> propertySources = new ArrayList<>();
        for (Source source : sources) {
            Map<String, Object> prefixed = new LinkedHashMap<>();
            source.values().forEach((key, value) -> {
                if (value != null && !value.isBlank()) {
                    prefixed.put("consolidator." + key, value.strip());
                }
            });
            propertySources.add(new MapConfigurationPropertySource(prefixed));
        }
        Function<String, String> named = named(sources, missingIn);
        JobSettings settings;
        try {
            settings = new Binder(propertySources, null, Conversions.SERVICE).bindOrCreate("consolidator",
                    Bindable.of(JobSettings.class));
        } catch (BindException e) {
            String key = e.getName().toString().substring("consolidator.".length());
            Object value = e.getProperty() == null ? "" : e.getProperty().getValue();
            throw JobSettings.wrong(named, key, String.valueOf(value));
        }
        Function<String, String> given = key -> sources.stream().map(source -> source.values().get(key))
                .filter(value -> value != null && !value.isBlank()).findFirst().orElse("");
        settings.check(required, named, given, missingIn);
        return settings;
    }

    private static Function<String, String> named(List<Source> sources, String fallback) {
        return key -> sources.stream()
                .filter(source -> source.values().get(key) != null && !source.values().get(key).isBlank())
                .findFirst().map(source -> source.named(key)).orElse(fallback + "：" + key);
    }

    /** The job file's settings, as text; anything but a mapping of known keys to single values is refused. */
    private static Map<String, String> read(Path file) {
        String where = "任务文件 " + file;
        if (!Files.exists(file)) {
            throw new ConfigurationException(where + " 不存在 (job file not found)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(where + " 不是文件 (job file is not a file)");
        }
        String text;
        try {
            if (Files.size(file) > MAX_JOB_FILE_BYTES) {
                throw new ConfigurationException(where + " 超过 1 MiB，不像任务文件 (job file too large)");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(where + " 不是 UTF-8 文本 (job file is not UTF-8)");
        } catch (IOException e) {
            throw new ConfigurationException(where + " 无法读取：" + JobSettings.reason(e) + " (job file unreadable)");
        }
        Object root;
        try {
            root = yaml().load(text);
        } catch (DuplicateKeyException e) {
            String key = oneLine(e.getProblem()).replace("found duplicate key ", "");
            throw new ConfigurationException(where + "：设置项 " + JobSettings.printable(key) + " 重复出现（第 "
                    + (e.getProblemMark().getLine() + 1) + " 行），每项只能写一次 (duplicate key)");
        } catch (MarkedYAMLException e) {
            throw new ConfigurationException(where + " 不是有效的 YAML：" + oneLine(e.getProblem())
                    + (e.getProblemMark() == null ? "" : "（第 " + (e.getProblemMark().getLine() + 1) + " 行）"));
        } catch (YAMLException e) {
            throw new ConfigurationException(where + " 不是有效的 YAML：" + oneLine(e.getMessage()));
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigurationException(where + " 应为 “键: 值” 形式的 YAML (job file is not a YAML mapping)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!KEYS.contains(key)) {
                throw new ConfigurationException(where + "：未知的设置项“" + JobSettings.printable(key) + "”，可用："
                        + String.join(", ", KEYS) + " (unknown key in job file)");
            }
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new ConfigurationException(where + "：" + key + " 应为单个值（" + JobSettings.EXPECTED.get(key)
                        + "），不能是" + (value instanceof List<?> ? "列表" : "映射") + " (not a single value)");
            }
            values.put(key, value == null ? null : value.toString());
        }
        return values;
    }

    /**
     * Every scalar is read as text (only empty and {@code ~}/{@code null} mean "not set"), so that
     * the binder converts the file's values exactly as it converts the command line's.
     */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        Resolver textOnly = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.NULL, Resolver.NULL, "~nN\0");
                addImplicitResolver(Tag.NULL, Resolver.EMPTY, null);
            }
        };
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, textOnly);
    }

    private static String oneLine(String text) {
        return text == null ? "" : String.join(" ", text.strip().lines().toList());
    }
}

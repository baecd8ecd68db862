package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import cn.zwgk.consolidator.common.ConfigurationException;

/**
 * {@code consolidator.<key>=…} in application.properties: defaults for every job's settings
 * (say {@code consolidator.max-file-size=10MiB}), below the job file and the command line. Read
 * from where Spring Boot reads that file (./config/, ./, the jar), without starting Spring.
 */
final class ApplicationDefaults {

    private static final String PREFIX = "consolidator.";

    private ApplicationDefaults() {
    }

    /** Highest first, as Spring Boot orders them. */
    static List<JobDefinition.Source> sources() {
        return sources(Path.of(""));
    }

    /** @param workingDirectory where ./config/application.properties and ./application.properties are looked for */
    static List<JobDefinition.Source> sources(Path workingDirectory) {
        List<JobDefinition.Source> sources = new ArrayList<>();
        for (Path file : List.of(workingDirectory.resolve("config").resolve("application.properties"),
                workingDirectory.resolve("application.properties"))) {
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    sources.add(source(file.toString(), reader));
                } catch (IOException e) {
                    throw new ConfigurationException(file + " 无法读取：" + JobSettings.reason(e));
                }
            }
        }
        try (InputStream in = ApplicationDefaults.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                sources.add(source("application.properties",
                        new java.io.InputStreamReader(in, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled application.properties", e);
        }
        return sources;
    }

    private static JobDefinition.Source source(String label, Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                String key = name.substring(PREFIX.length());
                if (!JobDefinition.KEYS.contains(key) || key.equals("name")) {
                    throw new ConfigurationException(label + "：未知的设置项“" + JobSettings.printable(name)
                            + "”，可用：consolidator. 加 " + String.join(", ",
                                    JobDefinition.KEYS.subList(1, JobDefinition.KEYS.size()))
                            + " (unknown key)");
                }
                values.put(key, properties.getProperty(name));
            }
        }
        return new JobDefinition.Source(label, PREFIX, values);
    }
}

package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A setting of Spring's own ({@code spring.datasource.url}, {@code logging.file.name}) as Spring will
 * see it once started: the program checks the folders they name before it starts Spring, so it
 * must find the same values in the same order (command line, system property, environment,
 * ./config/application.properties, ./application.properties, the bundled file).
 */
public final class SpringSettings {

    private SpringSettings() {
    }

    /** @param springArgs the {@code --spring.*} and {@code --logging.*} options of the command line */
    public static String value(String key, List<String> springArgs) {
        String value = null;
        for (String arg : springArgs) {
            if (arg.startsWith("--" + key + "=")) {
                value = arg.substring(key.length() + 3);
            }
        }
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""));
        }
        for (Path file : List.of(Path.of("config", "application.properties"), Path.of("application.properties"))) {
            if (value == null && Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    value = properties(reader).getProperty(key);
                } catch (IOException e) {
                    // ApplicationDefaults refuses an unreadable file with its own line before this is asked
                }
            }
        }
        if (value == null) {
            try (InputStream in = SpringSettings.class.getResourceAsStream("/application.properties")) {
                value = in == null ? null : properties(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))
                        .getProperty(key);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the bundled application.properties", e);
            }
        }
        return value;
    }

    private static Properties properties(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        return properties;
    }
}

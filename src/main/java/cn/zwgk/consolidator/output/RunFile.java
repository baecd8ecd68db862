package cn.zwgk.consolidator.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

import cn.zwgk.consolidator.template.Sha256;

/**
 * {@code run.yml} of an output folder: what run wrote it (name, year, template, run) and the
 * SHA-256 of every other file it wrote ({@code files}), so that the program can tell its own
 * files, unchanged, from anything else.
 */
public record RunFile(Map<String, String> info, Map<String, String> files) {

    public static final String NAME = "run.yml";

    /** Reads {@code folder/run.yml}; a file of an older version has no {@code files}. */
    public static RunFile read(Path folder) throws IOException {
        Object root;
        try (InputStream in = Files.newInputStream(folder.resolve(NAME))) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (YAMLException e) {
            throw new IOException(folder.resolve(NAME) + " 不是本程序写的 run.yml", e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IOException(folder.resolve(NAME) + " 不是本程序写的 run.yml");
        }
        Map<String, String> info = new LinkedHashMap<>();
        Map<String, String> files = new TreeMap<>();
        map.forEach((key, value) -> {
            if ("files".equals(key) && value instanceof Map<?, ?> listed) {
                listed.forEach((file, sha) -> files.put(String.valueOf(file), String.valueOf(sha)));
            } else if (value != null && !(value instanceof Map) && !(value instanceof Iterable)) {
                info.put(String.valueOf(key), String.valueOf(value));
            }
        });
        return new RunFile(info, files);
    }

    /** The run named by the folder's run.yml, or null when it has none that names one. */
    public static Long runOf(Path folder) {
        try {
            return Long.valueOf(read(folder).info().get("run"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes {@code run.yml} into {@code folder} with the checksum of every file already there. */
    public static RunFile write(Path folder, Map<String, String> info) throws IOException {
        RunFile run = new RunFile(new LinkedHashMap<>(info), checksums(folder));
        Map<String, Object> yaml = new LinkedHashMap<>();
        // numbers as numbers, as people and earlier versions wrote them
        run.info().forEach((key, value) -> yaml.put(key, value.matches("[1-9][0-9]{0,17}") ? Long.valueOf(value) : value));
        yaml.put("files", run.files());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        try (Writer out = Files.newBufferedWriter(folder.resolve(NAME), StandardCharsets.UTF_8)) {
            new Yaml(new Representer(options), options).dump(yaml, out);
        }
        return run;
    }

    /** Every regular file under {@code folder} but run.yml, by path with {@code /}, with its SHA-256. */
    static Map<String, String> checksums(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = relative(folder, file);
                if (!name.equals(NAME)) {
                    files.put(name, sha256(file));
                }
            }
        }
        return files;
    }

    static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace(folder.getFileSystem().getSeparator(), "/");
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

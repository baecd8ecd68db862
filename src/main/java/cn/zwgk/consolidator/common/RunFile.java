package cn.zwgk.consolidator.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * {@code run.yml} of an output folder: what run wrote it (name, year, template, run) and the
 * SHA-256 of every other file it wrote ({@code files}), so that the program can tell its own
 * files, unchanged, from anything else.
 */
public record RunFile(Map<String, String> info, Map<String, String> files) {

    public static final String NAME = "run.yml";

    /** run.yml lists every file of a run, a letter per unit among them: 100,000 units make some 10 MB. */
    public static final long SIZE_LIMIT = 64L * 1024 * 1024;

    /** Reads {@code folder/run.yml}; a file of an older version has no {@code files}. */
    public static RunFile read(Path folder) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(folder.resolve(NAME))) {
            byte[] content = in.readNBytes((int) SIZE_LIMIT + 1);
            if (content.length > SIZE_LIMIT) {
                throw new IOException(NAME + " 超过 " + SIZE_LIMIT + " 字节，不是本程序写的 run.yml");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(NAME + " 不是 UTF-8 文本，不是本程序写的 run.yml", e);
        }
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit((int) SIZE_LIMIT);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new IOException(NAME + " 不是本程序写的 run.yml（不是有效的 YAML）", e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IOException(NAME + " 不是本程序写的 run.yml（应为“键: 值”）");
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
        return write(folder, info, Map.of());
    }

    /**
     * As {@link #write(Path, Map)}, with the checksums in {@code known} (by name, as run.yml lists
     * them) taken as given for the files that are there: the threads that wrote those files hashed
     * them as they finished, so that 20 MB are not read and hashed again on one thread at the end.
     */
    public static RunFile write(Path folder, Map<String, String> info, Map<String, String> known) throws IOException {
        RunFile run = new RunFile(new LinkedHashMap<>(info), checksums(folder, known));
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
    public static Map<String, String> checksums(Path folder) throws IOException {
        return checksums(folder, Map.of());
    }

    private static Map<String, String> checksums(Path folder, Map<String, String> known) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = relative(folder, file);
                if (!name.equals(NAME)) {
                    String checksum = known.get(name);
                    files.put(name, checksum != null ? checksum : Sha256.hex(file));
                }
            }
        }
        return files;
    }

    /** A file's name in run.yml: its path under {@code folder}, with {@code /}. */
    public static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace(folder.getFileSystem().getSeparator(), "/");
    }

}

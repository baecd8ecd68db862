package cn.zwgk.consolidator;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged program, target/consolidator.jar, run as its own process the way an office runs it. */
public final class PackagedJar {

    public static final Path JAR = Path.of("target/consolidator.jar");

    private PackagedJar() {
    }

    public static Process start(Path log, String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after `package` (mvn verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs to the end, within two minutes, and gives the exit status. */
    public static int run(Path log, String... args) throws IOException, InterruptedException {
        Process process = start(log, args);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the program did not finish within two minutes: " + read(log));
        }
        return process.exitValue();
    }

    public static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** A database in its own folder under {@code folder}: outputs may not go into the program's data folder. */
    public static String h2(Path folder) {
        return "jdbc:h2:file:" + folder.toAbsolutePath() + File.separator + "database" + File.separator
                + "db;AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }
}

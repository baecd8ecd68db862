package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * bin/consolidator, the README's production command, run as an office runs it: from a folder of
 * its own, with relative paths, on the JDK it picks or the one it is told to use, with its cache
 * as {@code package} made it, missing, or unusable.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin/consolidator").toAbsolutePath();
    private static final Path DEFAULT_CACHE = Path.of("target/launcher").toAbsolutePath();
    private static final Path GOLDEN = Path.of("src/test/resources/golden/bozhou-2020-city.csv");
    /** What the JVM says of itself: unified logging ([0.016s][error][aot] …) and its warnings. */
    private static final Pattern JVM_MESSAGE = Pattern.compile(
            "^\\[[0-9.]+s\\]\\[|VM warning|^WARNING|Error occurred during initialization of VM", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private record Result(int exit, String console) {
    }

    @Test
    void theSampleRunFromAnotherFolderWithRelativePathsEqualsTheGoldenTotals() throws Exception {
        Path office = userFolderWithTheSample();

        Result result = run(office, Map.of(), sampleArguments());

        assertThat(result.exit()).as(result.console()).isZero();
        assertGolden(office.resolve("out"));
        assertThat(result.console()).doesNotContainPattern(JVM_MESSAGE);
    }

    @Test
    void aSecondCallOfTheSameJobIsUpToDate() throws Exception {
        Path office = userFolderWithTheSample();
        assertThat(run(office, Map.of(), sampleArguments()).exit()).isZero();

        Result second = run(office, Map.of(), sampleArguments());

        assertThat(second.exit()).as(second.console()).isZero();
        assertThat(second.console()).contains("已是最新");
    }

    @Test
    void aUsageMistakeIsExitStatusTwoAndOneLine() throws Exception {
        Result result = run(dir, Map.of(), "--job=jobs/bozhou-2020.yml", "--no-such-option=1");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.console().strip().lines()).as(result.console()).hasSize(1);
    }

    @Test
    void aJavaThatIsNoneIsExitStatusTwoAndOneLineNamingIt() throws Exception {
        Path none = dir.resolve("no-jdk-here");

        Result result = run(dir, Map.of("CONSOLIDATOR_JAVA", none.toString()), "--help");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.console().strip().lines()).as(result.console()).hasSize(1);
        assertThat(result.console()).contains(none.toString());
    }

    @Test
    void validateChecksAFileNamedRelativeToTheUsersFolder() throws Exception {
        Files.copy(Path.of("input/bozhou-2020/submissions/qiaocheng.csv"), dir.resolve("qiaocheng.csv"));

        Result result = run(dir, Map.of(), "validate", "--template=gov-2019", "qiaocheng.csv");

        assertThat(result.exit()).as(result.console()).isZero();
        assertThat(result.console()).contains("可以接收").doesNotContainPattern(JVM_MESSAGE);
    }

    /** The command's words (Spring's options may come before the command), then --help. */
    private static String[] withHelp(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        return args.toArray(String[]::new);
    }

    /** Short runs are over before C2's compiling pays; the portal and accounts' hashing run long. */
    @ParameterizedTest
    @CsvSource({"--job=x.yml, 1", "validate, 1", "blank, 1", "serve, 4", "accounts, 4",
            "--logging.level.root=warn serve, 4", "--spring.main.banner-mode=off validate, 1"})
    void theJitStopsAtC1ForShortCommandsOnly(String command, int level) throws Exception {
        Result result = run(dir, Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal"), withHelp(command));

        assertThat(result.exit()).as(result.console()).isZero();
        assertThat(result.console()).containsPattern("\\bTieredStopAtLevel\\s+= " + level + "\\s");
    }

    /** The job runs on the context Spring AOT made at build time; the portal and accounts make theirs. */
    @ParameterizedTest
    @CsvSource({"--job=x.yml, true", "serve, false", "accounts, false",
            "--spring.datasource.url=jdbc:h2:mem:x serve, false"})
    void onlyTheJobRunsOnTheContextMadeAtBuildTime(String command, boolean generated) throws Exception {
        Result result = run(dir, Map.of("JAVA_OPTS", "-XshowSettings:properties"), withHelp(command));

        assertThat(result.exit()).as(result.console()).isZero();
        if (generated) {
            assertThat(result.console()).containsPattern("\\bspring\\.aot\\.enabled = true\\s");
        } else {
            assertThat(result.console()).doesNotContain("spring.aot.enabled");
        }
    }

    /**
     * The commands that start no Spring map a small archive of their own, not the job's 12,000
     * classes; but a workbook needs POI's, which only the job's holds.
     */
    @ParameterizedTest
    @CsvSource({"--job=x.yml, jdk-", "serve, jdk-", "accounts, jdk-", "validate, tools-jdk-", "blank, tools-jdk-",
            "'', tools-jdk-", "validate a.XLSX, workbook-jdk-", "blank --output=a.xlsx, workbook-jdk-", "blank --output=a.csv, tools-jdk-"})
    void eachCommandMapsTheArchiveTrainedForItsKindOfWork(String command, String archive) throws Exception {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        Result result = run(dir, Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal"), args.toArray(String[]::new));

        assertThat(result.exit()).as(result.console()).isZero();
        assertThat(result.console()).containsPattern(
                "\\b(AOTCache|SharedArchiveFile)\\s+= \\S*/" + archive + "[0-9]+\\.(aot|jsa)\\s");
    }

    @Test
    void aMissingCacheIsMadeByTheFirstCallWhichThenRunsTheJob() throws Exception {
        Path office = userFolderWithTheSample();
        Path cache = dir.resolve("cache");

        Result result = run(office, Map.of("CONSOLIDATOR_CACHE", cache.toString()), sampleArguments());

        assertThat(result.exit()).as(result.console()).isZero();
        assertGolden(office.resolve("out"));
        assertThat(result.console()).doesNotContainPattern(JVM_MESSAGE);
        assertThat(archives(cache)).as("an archive, beside the extracted jar").hasSize(1);
        assertThat(archives(cache, "tools-")).as("and the small commands' archive").hasSize(1);
        assertThat(archives(cache, "workbook-")).as("and theirs for a workbook").hasSize(1);
    }

    /** A training that fails (here: a java that refuses to write archives) costs one call, not every call. */
    @Test
    void aTrainingThatFailedIsNotTriedAgainAtEveryCall() throws Exception {
        Path real = Path.of(System.getProperty("java.home"));
        Path fake = dir.resolve("refusing-jdk");
        Files.createDirectories(fake.resolve("bin"));
        Files.copy(real.resolve("release"), fake.resolve("release"));
        Path calls = dir.resolve("java-calls.log");
        Path java = fake.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
                + "case \"$*\" in *AOTCacheOutput*|*ArchiveClassesAtExit*) exit 1 ;; esac\n"
                + "exec '" + real.resolve("bin/java") + "' \"$@\"\n");
        java.toFile().setExecutable(true);
        Map<String, String> environment = Map.of("CONSOLIDATOR_JAVA", fake.toString(),
                "CONSOLIDATOR_CACHE", dir.resolve("failing-cache").toString());

        Result first = run(dir, environment, "--help");
        Result second = run(dir, environment, "--help");

        assertThat(first.exit()).as(first.console()).isZero();
        assertThat(second.exit()).as(second.console()).isZero();
        assertThat(second.console()).doesNotContainPattern(JVM_MESSAGE);
        assertThat(Files.readAllLines(calls)).as("training runs: the job's, the small one and the workbook's, once")
                .filteredOn(line -> line.contains("AOTCacheOutput") || line.contains("ArchiveClassesAtExit"))
                .hasSize(3);
    }

    /** Archives that name jars elsewhere (the copy moved them): the JVM refuses them, silently. */
    @Test
    void aStaleCacheFallsBackToAPlainStartWithoutAWord() throws Exception {
        Path cache = copyOfTheDefaultCache();
        assertTheSampleRunsSilentlyWith(cache);
    }

    @Test
    void aDamagedArchiveFallsBackToAPlainStartWithoutAWord() throws Exception {
        Path cache = copyOfTheDefaultCache();
        for (Path archive : archives(cache)) {
            byte[] garbage = new byte[(int) Files.size(archive)];
            new java.util.Random(11).nextBytes(garbage);
            Files.write(archive, garbage);
        }
        assertTheSampleRunsSilentlyWith(cache);
    }

    @Test
    void onJava17TheJobRunsWithItsClassArchive() throws Exception {
        Optional<Path> jdk = jdk(17, 17);
        if (jdk.isEmpty()) {
            abort("no JDK 17 here (neither this JVM nor /usr/lib/jvm)");
        }
        assertRunsWithItsArchive(jdk.get());
    }

    @Test
    void onANewerJdkTheJobRunsWithItsAotCache() throws Exception {
        Optional<Path> jdk = jdk(25, Integer.MAX_VALUE);
        if (jdk.isEmpty()) {
            String reason = "no JDK 25 or newer under /usr/lib/jvm: the AOT cache cannot be tried here";
            System.err.println("SKIPPED onANewerJdkTheJobRunsWithItsAotCache: " + reason);
            abort(reason);
        }
        assertRunsWithItsArchive(jdk.get());
    }

    /** The sample run through the launcher with this cache: exit 0, the golden totals, no word of the JVM's. */
    private void assertTheSampleRunsSilentlyWith(Path cache) throws Exception {
        Path office = userFolderWithTheSample();

        Result result = run(office, Map.of("CONSOLIDATOR_CACHE", cache.toString()), sampleArguments());

        assertThat(result.exit()).as(result.console()).isZero();
        assertGolden(office.resolve("out"));
        assertThat(result.console()).doesNotContainPattern(JVM_MESSAGE);
    }

    private void assertRunsWithItsArchive(Path jdk) throws Exception {
        Path office = userFolderWithTheSample();
        Path classes = dir.resolve("classes.log");
        // a cache made for another JDK would be refused in silence: the class log shows it is used
        Result result = run(office, Map.of("CONSOLIDATOR_JAVA", jdk.toString(),
                "JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), sampleArguments());

        assertThat(result.exit()).as(result.console()).isZero();
        assertGolden(office.resolve("out"));
        assertThat(result.console()).doesNotContainPattern(JVM_MESSAGE);
        assertThat(Files.readString(classes)).as("the program's classes come from the archive")
                .contains("cn.zwgk.consolidator.ConsolidatorApplication source: shared objects file")
                .as("the context is the one Spring AOT generated, its classes in the archive too")
                .contains("cn.zwgk.consolidator.ConsolidatorApplication__ApplicationContextInitializer source: "
                        + "shared objects file");
    }

    /** The user's own folder: the job file and its input, the job's relative paths meaning them. */
    private Path userFolderWithTheSample() throws IOException {
        Path office = Files.createTempDirectory(dir, "office");
        Files.createDirectories(office.resolve("jobs"));
        Files.copy(Path.of("jobs/bozhou-2020.yml"), office.resolve("jobs/bozhou-2020.yml"));
        copyTree(Path.of("input/bozhou-2020"), office.resolve("input/bozhou-2020"));
        return office;
    }

    private static String[] sampleArguments() {
        return new String[] {"--job=jobs/bozhou-2020.yml", "--output=out",
                "--spring.datasource.url=jdbc:h2:file:./db/consolidator;AUTO_SERVER=TRUE;WRITE_DELAY=0"};
    }

    private static void assertGolden(Path output) {
        Map<String, BigDecimal> golden = JobRunner.cells(GOLDEN);
        Map<String, BigDecimal> consolidated = JobRunner.cells(output.resolve("consolidated.csv"));
        assertThat(consolidated.keySet()).containsExactlyElementsOf(golden.keySet());
        golden.forEach((cell, value) -> assertThat(consolidated.get(cell)).as(cell).isEqualByComparingTo(value));
    }

    private Result run(Path workingFolder, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path console = Files.createTempFile(dir, "console", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        // the launcher's own choice unless a test makes one
        builder.environment().keySet().removeAll(List.of("JAVA_HOME", "CONSOLIDATOR_JAVA", "CONSOLIDATOR_CACHE",
                "JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        // a call that first makes the cache trains on the sample: minutes on a busy machine
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/consolidator did not finish within ten minutes");
        }
        return new Result(process.exitValue(), Files.readString(console, StandardCharsets.UTF_8));
    }

    /** The default cache, made if need be (any call makes it), copied to a place of the test's own. */
    private Path copyOfTheDefaultCache() throws Exception {
        assertThat(run(dir, Map.of(), "--help").exit()).isZero();
        Path copy = dir.resolve("stale-cache");
        copyTree(DEFAULT_CACHE, copy);
        assertThat(archives(copy)).as("archives in the copy of " + DEFAULT_CACHE).isNotEmpty();
        return copy;
    }

    private static List<Path> archives(Path cache) throws IOException {
        return archives(cache, "");
    }

    /** The archives of one kind: the job's (no prefix), {@code tools-} or {@code workbook-}. */
    private static List<Path> archives(Path cache, String kind) throws IOException {
        try (Stream<Path> files = Files.walk(cache, 2)) {
            return files.filter(p -> p.getFileName().toString().matches(kind + "jdk-[0-9]+\\.(aot|jsa)")).toList();
        }
    }

    /** A JDK of a major version in the range: this JVM's, else one under /usr/lib/jvm. */
    private static Optional<Path> jdk(int lowest, int highest) throws IOException {
        if (Runtime.version().feature() >= lowest && Runtime.version().feature() <= highest) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> {
                        int feature = feature(home);
                        return feature >= lowest && feature <= highest;
                    })
                    .max(Comparator.comparingInt(LauncherIT::feature));
        }
    }

    private static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Integer.parseInt(line.replaceAll("JAVA_VERSION=\"?([0-9]+).*", "$1"));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}

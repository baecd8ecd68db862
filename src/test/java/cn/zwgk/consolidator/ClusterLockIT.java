package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.integration.util.UUIDConverter;

import cn.zwgk.consolidator.job.JobLocks;

/**
 * Several processes of the packaged jar on one PostgreSQL database, standing for several machines:
 * one run of a job at a time whatever path each uses for the folders, one run per schedule tick
 * across the instances, and a killed holder's lock lapsing so that another instance finishes its run.
 * .ci/run names the server in CONSOLIDATOR_TEST_POSTGRES.
 */
class ClusterLockIT {

    private static final String URL = System.getenv("CONSOLIDATOR_TEST_POSTGRES");
    private static final Pattern PORT = Pattern.compile("http://localhost:(\\d+)/");
    private static final Pattern TICK = Pattern.compile("== (\\S+) 定时运行 \\S+：(退出状态 (\\d+)|由.*本实例跳过)");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void serverIsThere() {
        Assumptions.assumeTrue(URL != null || System.getenv("CI") != null,
                "no PostgreSQL named in CONSOLIDATOR_TEST_POSTGRES (jdbc:postgresql://host/db?user=…&password=…)");
        assertThat(URL).as("CI must provide a PostgreSQL server").isNotNull();
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void aRunAnywhereWhileAnotherHoldsTheJobIsRefusedWithFourWhateverItsPaths() throws Exception {
        String name = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        Path portalJob = smallJob(dir.resolve("portal"), name, null);
        Portal portal = serve("portal", portalJob);
        String password = officePassword(portalJob);

        // long enough for the refused run, the API and the board to meet the holder still running
        Path job = LargeInput.write(dir.resolve("input"), 10_000);
        rename(job, name);
        // another machine: the same folders under another path, and an output folder of its own; the
        // operating-system locks of the two working folders do not meet, only the database's can
        Path mount = Files.createSymbolicLink(dir.resolve("mnt"), dir.resolve("input"));
        Process here = start("here", "--job=" + job);
        Process there = start("there", "--job=" + mount.resolve("job.yml"), "--submissions=" + mount.resolve("submissions"),
                "--output=" + dir.resolve("there/output"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (here.isAlive() && there.isAlive()) {
            assertThat(System.nanoTime()).as("one of the two ends within four minutes").isLessThan(deadline);
            Thread.sleep(20);
        }
        Process refused = here.isAlive() ? there : here;
        Process holder = refused == here ? there : here;
        String line = PackagedJar.read(dir.resolve((refused == here ? "here" : "there") + ".log")).strip();

        String api = portal.api(name, password);
        portal.signIn(password);
        String board = portal.runOnBoard(name);

        assertThat(holder.isAlive()).as("the other was still running: " + line).isTrue();
        assertThat(refused.exitValue()).as(line).isEqualTo(4);
        assertThat(line).startsWith("任务 " + name + " 正在运行（主机 ").contains("进程 " + holder.pid() + "，开始于 ")
                .doesNotContain("\n");
        assertThat(api).contains("\"exit\":4").contains("进程 " + holder.pid());
        assertThat(board).contains("同一任务的另一次运行正在进行，本次未运行（退出状态 4）");

        assertThat(holder.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(holder.exitValue()).isZero();
        assertThat(portal.api(name, password)).as("free again once the holder ended").doesNotContain("\"exit\":4");
    }

    @Test
    void twoInstancesWithTheSameScheduleRunEachTickOnce() throws Exception {
        String name = "ticks-" + UUID.randomUUID().toString().substring(0, 8);
        Path job = smallJob(dir.resolve("job"), name, "*/3 * * * * *");
        serve("first", job);
        serve("second", job);
        Thread.sleep(TimeUnit.SECONDS.toMillis(16));
        for (Process process : started) {
            process.destroy(); // as Ctrl+C: both stop cleanly, the last ticks' outcomes printed
            process.waitFor(1, TimeUnit.MINUTES);
        }

        Map<String, String> ranFirst = ticks(PackagedJar.read(dir.resolve("first.log")));
        Map<String, String> ranSecond = ticks(PackagedJar.read(dir.resolve("second.log")));
        Set<String> ran = new HashSet<>();
        Set<String> skipped = new HashSet<>();
        for (Map<String, String> ticks : List.of(ranFirst, ranSecond)) {
            ticks.forEach((tick, outcome) -> {
                if (outcome.contains("跳过")) {
                    skipped.add(tick);
                } else {
                    assertThat(ran.add(tick)).as("tick " + tick + " ran twice: " + ranFirst + ranSecond).isTrue();
                }
            });
        }
        assertThat(ran).as("ticks run").hasSizeGreaterThanOrEqualTo(3);
        assertThat(ran).as("every tick one instance skipped, the other ran").containsAll(skipped);
        assertThat(skipped).as("both instances were up at some tick").isNotEmpty();
        try (Connection c = DriverManager.getConnection(URL)) {
            assertThat(number(c, "SELECT COUNT(*) FROM schedule_tick WHERE job_name = '" + name + "'"))
                    .isEqualTo(ran.size());
            assertThat(number(c, "SELECT COUNT(*) FROM portal_audit WHERE action = 'run' AND job_name = '" + name + "'"))
                    .as("one run a tick in the history").isEqualTo(ran.size());
        }
    }

    @Test
    void aHolderKilledInARunHasItsLockLapseAndAnInstanceFinishesTheRunToTheSameOutputs() throws Exception {
        String name = "killed-" + UUID.randomUUID().toString().substring(0, 8);
        Path job = LargeInput.write(dir.resolve("input"), 12_000);
        rename(job, name);
        Path clean = dir.resolve("clean.yml");
        Files.writeString(clean, Files.readString(job).replace("output: " + dir.resolve("input/output"),
                "output: " + dir.resolve("clean")));
        Path scheduled = dir.resolve("input/scheduled.yml");
        Files.writeString(scheduled, Files.readString(job) + "schedule: \"*/5 * * * * *\"\n");
        String lock = "FROM INT_LOCK WHERE REGION = 'run' AND LOCK_KEY = '" + UUIDConverter.getUUID(name) + "'";

        LocalDateTime killed;
        try (Connection c = DriverManager.getConnection(URL)) {
            // the instance's ticks are another's until the holder is running, so that it cannot run first
            LocalDateTime now = LocalDateTime.now().withNano(0);
            LocalDateTime tick = now.withSecond(now.getSecond() / 5 * 5);
            for (int i = 0; i < 12 * 15; i++, tick = tick.plusSeconds(5)) {
                c.createStatement().executeUpdate("INSERT INTO schedule_tick VALUES ('" + name + "', TIMESTAMP '"
                        + tick.toString().replace('T', ' ') + "', 'test', CURRENT_TIMESTAMP)");
            }
            Portal instance = serve("instance", scheduled);
            Process holder = start("holder", "--job=" + job);
            waitUntil(() -> PackagedJar.read(dir.resolve("holder.log")).contains("进度：已读"), holder,
                    "a committed chunk");
            assertThat(number(c, "SELECT HOLDER_PID " + lock)).isEqualTo(holder.pid());
            c.createStatement().executeUpdate("DELETE FROM schedule_tick WHERE claimed_by = 'test'");
            waitUntil(() -> ticks(PackagedJar.read(dir.resolve("instance.log"))).containsValue("4"), instance.process,
                    "a tick of the instance refused while the holder runs");

            // as if the holder ran on another machine: nobody can see it dead, its lock must lapse
            c.createStatement().executeUpdate("UPDATE INT_LOCK SET HOLDER_HOST = 'another-machine' WHERE REGION = 'run' "
                    + "AND LOCK_KEY = '" + UUIDConverter.getUUID(name) + "'");
            holder.destroyForcibly().waitFor();
            killed = LocalDateTime.now();
            LocalDateTime since = killed;
            assertThat(PackagedJar.read(dir.resolve("holder.log"))).doesNotContain("汇总完成");

            waitUntil(() -> ticks(PackagedJar.read(dir.resolve("instance.log"))).entrySet().stream()
                    .anyMatch(t -> LocalDateTime.parse(t.getKey()).isAfter(since) && t.getValue().equals("0")),
                    instance.process, "a run after the kill");
        }
        Map<String, String> after = new TreeMap<>();
        ticks(PackagedJar.read(dir.resolve("instance.log"))).forEach((tick, outcome) -> {
            if (LocalDateTime.parse(tick).isAfter(killed)) {
                after.put(tick, outcome);
            }
        });
        String recovered = after.entrySet().stream().filter(tick -> tick.getValue().equals("0")).findFirst()
                .orElseThrow().getKey();
        System.out.printf("killed at %s; the instance's ticks since: %s%n", killed, after);
        assertThat(after.values()).as("refused while the dead holder's lock lived: " + after).contains("4");
        assertThat(Duration.between(killed, LocalDateTime.parse(recovered)))
                .as("the lock lapsed within its time-to-live and the next tick took it: " + after)
                .isLessThanOrEqualTo(JobLocks.TIME_TO_LIVE.plusSeconds(5 + 15));
        assertThat(PackagedJar.read(dir.resolve("instance.log"))).contains("上次未正常结束");

        int cleanRun = PackagedJar.run(dir.resolve("clean.log"), "--job=" + clean,
                "--spring.datasource.url=" + PackagedJar.h2(dir.resolve("clean-db")),
                "--logging.file.name=" + dir.resolve("logs/clean.log"));
        assertThat(cleanRun).as(PackagedJar.read(dir.resolve("clean.log"))).isZero();
        assertSameOutputs(dir.resolve("input/output"), dir.resolve("clean"));
    }

    /** Every file alike byte for byte, except those that carry the time of their run. */
    private static void assertSameOutputs(Path recovered, Path clean) throws IOException {
        Set<String> timed = Set.of("run.yml", "report.html", "report.xlsx", "report.docx");
        List<String> files = files(clean);
        assertThat(files(recovered)).isEqualTo(files);
        for (String file : files) {
            if (!timed.contains(file)) {
                assertThat(Files.readAllBytes(recovered.resolve(file))).as(file)
                        .isEqualTo(Files.readAllBytes(clean.resolve(file)));
            }
        }
    }

    private static List<String> files(Path folder) throws IOException {
        Path real = folder.toRealPath();
        try (Stream<Path> walk = Files.walk(real)) {
            return walk.filter(Files::isRegularFile).map(p -> real.relativize(p).toString()).sorted().toList();
        }
    }

    /** Each tick an instance printed, with its exit status, or the words of a tick another instance ran. */
    private static Map<String, String> ticks(String log) {
        Map<String, String> ticks = new TreeMap<>();
        Matcher matcher = TICK.matcher(log);
        while (matcher.find()) {
            ticks.put(matcher.group(1), matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
        }
        return ticks;
    }

    private Path smallJob(Path folder, String name, String schedule) throws IOException {
        Files.createDirectories(folder.resolve("submissions"));
        try (Stream<Path> files = Files.list(Path.of("input/bozhou-2020/submissions"))) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve("submissions").resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of("input/bozhou-2020/units.csv"), folder.resolve("units.csv"));
        Path job = folder.resolve("job.yml");
        Files.writeString(job, "name: " + name + "\nyear: 2020\ntemplate: gov-2019\nunits: " + folder.resolve("units.csv")
                + "\nsubmissions: " + folder.resolve("submissions") + "\noutput: " + folder.resolve("output") + "\n"
                + (schedule == null ? "" : "schedule: \"" + schedule + "\"\n"), StandardCharsets.UTF_8);
        return job;
    }

    private static void rename(Path job, String name) throws IOException {
        Files.writeString(job, Files.readString(job).replaceFirst("name: .*", "name: " + name));
    }

    /** The database may hold the office's sign-in from an earlier run: a new password in any case. */
    private String officePassword(Path job) throws Exception {
        String database = "--spring.datasource.url=" + URL;
        String logging = "--logging.file.name=" + dir.resolve("logs/accounts.log");
        int created = PackagedJar.run(dir.resolve("accounts.log"), "accounts", "--job=" + job,
                "--output=" + dir.resolve("accounts.csv"), database, logging);
        assertThat(created).as(PackagedJar.read(dir.resolve("accounts.log"))).isZero();
        int reset = PackagedJar.run(dir.resolve("reset.log"), "accounts", "--job=" + job, "--reset=office", database,
                logging);
        String printed = PackagedJar.read(dir.resolve("reset.log"));
        assertThat(reset).as(printed).isZero();
        return printed.substring(printed.lastIndexOf('：') + 1).strip();
    }

    private Process start(String log, String... args) throws IOException {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--spring.datasource.url=" + URL,
                "--logging.file.name=" + dir.resolve("logs/" + log + ".log"))).toArray(String[]::new);
        Process process = PackagedJar.start(dir.resolve(log + ".log"), all);
        started.add(process);
        return process;
    }

    private Portal serve(String log, Path job) throws Exception {
        Process process = start(log, "serve", "--job=" + job, "--server.port=0",
                "--portal.store=" + dir.resolve(log + "-store"));
        Path file = dir.resolve(log + ".log");
        waitUntil(() -> PORT.matcher(PackagedJar.read(file)).find(), process, "the portal up");
        Matcher port = PORT.matcher(PackagedJar.read(file));
        port.find();
        return new Portal(process, "http://localhost:" + port.group(1));
    }

    /** One instance over HTTP: the API with HTTP Basic, the board with a signed-in session. */
    private record Portal(Process process, String base, HttpClient browser) {

        Portal(Process process, String base) {
            this(process, base, HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build());
        }

        String api(String job, String password) throws Exception {
            String basic = Base64.getEncoder().encodeToString(("office:" + password).getBytes(StandardCharsets.UTF_8));
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + job + "/runs"))
                    .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        void signIn(String password) throws Exception {
            String token = csrf(get("/login"));
            post("/login", "username=office&password=" + password + "&_csrf=" + token);
        }

        /** "Run now" on the board, and the board it comes back to. */
        String runOnBoard(String job) throws Exception {
            String board = get("/jobs/" + job + "/board");
            post("/jobs/" + job + "/run", "_csrf=" + csrf(board));
            return get("/jobs/" + job + "/board");
        }

        private String get(String path) throws Exception {
            return browser.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        private void post(String path, String form) throws Exception {
            browser.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private static String csrf(String html) {
            Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
            assertThat(matcher.find()).as("a CSRF token in " + html).isTrue();
            return matcher.group(1);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private void waitUntil(Condition condition, Process process, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!condition.holds()) {
            if (!process.isAlive()) {
                StringBuilder logs = new StringBuilder();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                        logs.append("\n--- ").append(log.getFileName()).append('\n').append(PackagedJar.read(log));
                    }
                }
                throw new AssertionError("the process ended before " + what + logs);
            }
            assertThat(System.nanoTime()).as(what + " within four minutes").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

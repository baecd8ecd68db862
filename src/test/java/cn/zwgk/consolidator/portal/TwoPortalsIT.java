package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.zwgk.consolidator.JobRunner;
import cn.zwgk.consolidator.PackagedJar;
import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.common.Sha256;

/**
 * Two {@code serve} processes of the packaged jar, as on two machines (issue 12): one PostgreSQL,
 * one folder that each sees under a path of its own (a link, given through serve's overrides),
 * behind real nginx running the very configuration the README shows (docs/deployment/nginx.conf,
 * its addresses replaced by the two instances' ports), round robin. What is uploaded through one
 * is seen on the other, and a session is one session on both. .ci/run installs nginx and names a
 * PostgreSQL database in CONSOLIDATOR_TEST_POSTGRES; without either the test is skipped and says why.
 */
class TwoPortalsIT {

    private static final String POSTGRES = System.getenv("CONSOLIDATOR_TEST_POSTGRES");
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    /** Its own schema, so that the other tests' history in the same database is neither seen nor touched. */
    private static final String SCHEMA = "two_portals";
    private static final String JOB = "bozhou-2020";

    private static Path dir;
    private static final List<Process> processes = new ArrayList<>();
    private static String a;
    private static String b;
    private static String proxy;
    private static Path accessLog;
    private static final Map<String, String> passwords = new HashMap<>();

    @BeforeAll
    static void startTwoInstancesBehindNginx() throws Exception {
        boolean ci = System.getenv("CI") != null;
        Assumptions.assumeTrue(POSTGRES != null || ci,
                "no PostgreSQL named in CONSOLIDATOR_TEST_POSTGRES (jdbc:postgresql://host/db?user=…&password=…)");
        Assumptions.assumeTrue(Files.isExecutable(NGINX) || ci,
                "Debian's nginx is not installed (apt-get install nginx; .ci/run does)");
        assertThat(POSTGRES).as("CI must provide a PostgreSQL server").isNotNull();
        assertThat(NGINX).as("CI must install nginx").isExecutable();

        try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        String database = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;

        dir = Files.createDirectories(Path.of("target/two-portals").toAbsolutePath());
        try (var old = Files.walk(dir)) {
            old.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        }
        Path share = Files.createDirectories(dir.resolve("share"));
        Path submissions = Files.createDirectories(share.resolve("submissions"));
        for (Path file : Files.list(Path.of("input/bozhou-2020/submissions")).toList()) {
            if (!file.getFileName().toString().equals("qiaocheng.csv")) {
                Files.copy(file, submissions.resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of("input/bozhou-2020/units.csv"), share.resolve("units.csv"));
        Path jobFile = share.resolve("job.yml");
        Files.writeString(jobFile, "name: " + JOB + "\nyear: 2020\ntemplate: gov-2019\nunits: " + share.resolve("units.csv")
                + "\nsubmissions: " + submissions + "\noutput: " + share.resolve("output") + "\n");

        Path accounts = dir.resolve("accounts.csv");
        assertThat(PackagedJar.run(dir.resolve("accounts.log"), "accounts", "--job=" + jobFile, "--output=" + accounts,
                "--spring.datasource.url=" + database, "--logging.file.name=" + dir.resolve("accounts-detail.log")))
                .as("accounts").isZero();
        for (Map<String, String> line : JobRunner.readCsv(accounts)) {
            passwords.put(line.get("user"), line.get("password"));
        }

        a = "http://127.0.0.1:" + startInstance("machine-a", share, jobFile, database);
        b = "http://127.0.0.1:" + startInstance("machine-b", share, jobFile, database);
        proxy = "http://127.0.0.1:" + startNginx();
    }

    /** One instance, seeing the shared folder through its own link, as a machine through its own mount. */
    private static int startInstance(String machine, Path share, Path jobFile, String database) throws Exception {
        Path mount = Files.createDirectories(dir.resolve(machine)).resolve("share");
        Files.createSymbolicLink(mount, share);
        int port = freePort();
        Path log = dir.resolve(machine + ".out");
        processes.add(PackagedJar.start(log, "serve", "--job=" + jobFile, "--units=" + mount.resolve("units.csv"),
                "--submissions=" + mount.resolve("submissions"), "--output=" + mount.resolve("output"),
                "--server.port=" + port, "--spring.datasource.url=" + database,
                "--portal.store=" + dir.resolve(machine).resolve("store"),
                "--logging.file.name=" + dir.resolve(machine).resolve("consolidator.log")));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!PackagedJar.read(log).contains("报送门户已启动")) {
            assertThat(processes.get(processes.size() - 1).isAlive()).as(machine + " stopped: " + PackagedJar.read(log))
                    .isTrue();
            assertThat(System.nanoTime()).as(machine + " did not start: " + PackagedJar.read(log)).isLessThan(deadline);
            Thread.sleep(200);
        }
        return port;
    }

    /** nginx with the README's configuration, in a main configuration of the test's own (files under target/). */
    private static int startNginx() throws Exception {
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        int port = freePort();
        String site = Files.readString(Path.of("docs/deployment/nginx.conf"), StandardCharsets.UTF_8)
                .replace("192.168.1.11:8080", a.substring("http://".length()))
                .replace("192.168.1.12:8080", b.substring("http://".length()))
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
        assertThat(site).contains(a.substring("http://".length())).contains(b.substring("http://".length()));
        Files.writeString(prefix.resolve("zwgk.conf"), site);
        accessLog = prefix.resolve("access.log");
        Files.writeString(prefix.resolve("nginx.conf"), "daemon off;\nworker_processes 1;\npid " + prefix.resolve("nginx.pid")
                + ";\nerror_log " + prefix.resolve("error.log") + ";\nevents { worker_connections 64; }\nhttp {\n"
                + "  log_format upstream '$request $status $upstream_addr';\n"
                + "  access_log " + accessLog + " upstream;\n"
                + "  client_body_temp_path " + prefix.resolve("body") + ";\n  proxy_temp_path " + prefix.resolve("proxy")
                + ";\n  fastcgi_temp_path " + prefix.resolve("fastcgi") + ";\n  uwsgi_temp_path " + prefix.resolve("uwsgi")
                + ";\n  scgi_temp_path " + prefix.resolve("scgi") + ";\n  include " + prefix.resolve("zwgk.conf") + ";\n}\n");
        Process nginx = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-e", prefix.resolve("error.log").toString(),
                "-c", prefix.resolve("nginx.conf").toString()).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile()).start();
        processes.add(nginx);
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return port;
            } catch (IOException e) {
                assertThat(nginx.isAlive()).as("nginx stopped: " + Files.readString(prefix.resolve("nginx.out"))
                        + readIfThere(prefix.resolve("error.log"))).isTrue();
                assertThat(System.nanoTime()).as("nginx did not answer").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String readIfThere(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static String page(String code) {
        return "/jobs/" + JOB + "/units/" + code;
    }

    /** A browser: keeps its cookies (which know no port), follows no redirect by itself. */
    private static final class Browser {

        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String url) {
            return PortalFixture.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), client);
        }

        HttpResponse<String> post(String url, String form) {
            return PortalFixture.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), client);
        }

        /** The sign-in page from one place and the form posted to {@code to}: the CSRF token must cross too. */
        HttpResponse<String> signIn(String from, String to, String user) {
            String token = PortalFixture.csrf(get(from + "/login").body());
            return post(to + "/login", "username=" + user + "&password=" + passwords.get(user) + "&_csrf=" + token);
        }
    }

    private static HttpResponse<String> api(String method, String url, String user, byte[] body) {
        return PortalFixture.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + passwords.get(user)).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpClient.newHttpClient());
    }

    @Test
    void an_upload_through_one_instance_is_seen_on_the_others_unit_page_board_and_api() {
        byte[] file = SampleSubmission.gov2019().bytes();
        assertThat(api("GET", b + "/api/jobs/" + JOB + "/units/qiaocheng", "qiaocheng", null).body())
                .contains("\"status\":\"missing\"");

        HttpResponse<String> sent = api("PUT", a + "/api/jobs/" + JOB + "/units/qiaocheng/submission?file=qiaocheng.csv",
                "qiaocheng", file);

        assertThat(sent.body()).contains("\"status\":\"accepted\"");
        String onB = api("GET", b + "/api/jobs/" + JOB + "/units/qiaocheng", "qiaocheng", null).body();
        assertThat(onB).contains("\"status\":\"accepted\"").contains(Sha256.hex(file));
        Browser unit = new Browser();
        unit.signIn(b, b, "qiaocheng");
        assertThat(unit.get(b + page("qiaocheng")).body()).contains("已接收").contains("qiaocheng.csv");
        Browser office = new Browser();
        office.signIn(b, b, "office");
        String board = office.get(b + "/jobs/" + JOB + "/board").body();
        assertThat(board.substring(board.indexOf(page("qiaocheng")))).contains("已接收");
    }

    @Test
    void a_sign_in_through_the_proxy_holds_on_both_instances_it_sends_to() throws IOException {
        Browser browser = new Browser();
        HttpResponse<String> signedIn = browser.signIn(proxy, proxy, "guoyang");
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        long before = Files.readAllLines(accessLog).size();

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = browser.get(proxy + page("guoyang"));
            assertThat(response.statusCode()).as("request %d through the proxy", i).isEqualTo(200);
            assertThat(response.body()).contains("涡阳县人民政府");
        }

        Set<String> answeredBy = new HashSet<>();
        Files.readAllLines(accessLog).stream().skip(before).filter(line -> line.contains(page("guoyang")))
                .forEach(line -> answeredBy.add(line.substring(line.lastIndexOf(' ') + 1)));
        assertThat(answeredBy).containsExactlyInAnyOrder(a.substring("http://".length()), b.substring("http://".length()));
    }

    @Test
    void a_sign_in_on_one_instance_is_a_sign_in_on_the_other() {
        Browser browser = new Browser();
        browser.signIn(a, b, "mengcheng");

        assertThat(browser.get(a + page("mengcheng")).statusCode()).isEqualTo(200);
        assertThat(browser.get(b + page("mengcheng")).statusCode()).isEqualTo(200);
    }

    @Test
    void signing_out_on_one_instance_signs_out_on_both() {
        Browser browser = new Browser();
        browser.signIn(a, a, "lixin");
        String pageOnA = browser.get(a + page("lixin")).body();

        browser.post(b + "/logout", "_csrf=" + PortalFixture.csrf(pageOnA));

        for (String instance : List.of(a, b)) {
            HttpResponse<String> after = browser.get(instance + page("lixin"));
            assertThat(after.statusCode()).as(instance).isEqualTo(302);
            assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }
}

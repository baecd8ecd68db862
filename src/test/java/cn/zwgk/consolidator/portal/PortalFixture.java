package cn.zwgk.consolidator.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.zwgk.consolidator.JobRunner;
import cn.zwgk.consolidator.ServeCommand;
import cn.zwgk.consolidator.registry.UnitRegistry;

/**
 * The portal as users meet it: the bundled 亳州 2020 job copied into a temporary folder (谯城区's
 * file taken out, so it is missing), served on a free port with its own in-memory database, every
 * sign-in made by {@code accounts}' own code. Requests go over real HTTP.
 */
final class PortalFixture implements AutoCloseable {

    static final String JOB = "bozhou-2020";

    final Path folder;
    final Path submissions;
    final Path output;
    final Path store;
    final ConfigurableApplicationContext context;
    final String base;
    final String database;
    final Path jobFile;
    final Map<String, String> passwords = new HashMap<>();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    PortalFixture() throws IOException {
        this(Map.of());
    }

    PortalFixture(Map<String, String> jobSettings) throws IOException {
        folder = Files.createTempDirectory("portal-test-");
        submissions = folder.resolve("submissions");
        Files.createDirectories(submissions);
        for (Path file : Files.list(Path.of("input/bozhou-2020/submissions")).toList()) {
            if (!file.getFileName().toString().equals("qiaocheng.csv")) {
                Files.copy(file, submissions.resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of("input/bozhou-2020/units.csv"), folder.resolve("units.csv"));
        output = folder.resolve("output");
        store = folder.resolve("data/store");
        StringBuilder job = new StringBuilder("name: " + JOB + "\nyear: 2020\ntemplate: gov-2019\nunits: "
                + folder.resolve("units.csv") + "\nsubmissions: " + submissions + "\noutput: " + output + "\n");
        jobSettings.forEach((key, value) -> job.append(key).append(": ").append(value).append('\n'));
        jobFile = folder.resolve("job.yml");
        Files.writeString(jobFile, job);
        database = "jdbc:h2:mem:portal-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        context = ServeCommand.start(ServeCommand.catalog(List.of(jobFile.toString())), List.of("--server.port=0",
                "--spring.datasource.url=" + database, "--logging.file.name=" + folder.resolve("data/portal.log"),
                "--portal.store=" + store), System.out);
        base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        Path accounts = folder.resolve("accounts.csv");
        new AccountIssuer(new AccountStore(context.getBean(JdbcTemplate.class)))
                .create(UnitRegistry.read(folder.resolve("units.csv")), accounts);
        for (Map<String, String> line : JobRunner.readCsv(accounts)) {
            passwords.put(line.get("user"), line.get("password"));
        }
    }

    /**
     * A second instance of the same portal, as on another machine: the same database, the same
     * folders seen under {@code view} (a link to this fixture's folder) through serve's overrides.
     */
    ConfigurableApplicationContext anotherInstance(Path view) throws IOException {
        Map<String, String> paths = Map.of("units", view.resolve("units.csv").toString(),
                "submissions", view.resolve("submissions").toString(), "output", view.resolve("output").toString());
        return ServeCommand.start(ServeCommand.catalog(List.of(jobFile.toString()), paths), List.of("--server.port=0",
                "--spring.datasource.url=" + database, "--logging.file.name=" + folder.resolve("data/portal-b.log"),
                "--portal.store=" + view.resolve("data/store")), System.out);
    }

    static String baseOf(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    /** A request of the JSON API with the user's HTTP Basic credentials (none when user is null). */
    HttpResponse<String> api(String method, String path, String user, byte[] body) {
        return api(method, path, user, user == null ? null : passwords.get(user), body);
    }

    HttpResponse<String> api(String method, String path, String user, String password, byte[] body) {
        return api(method, path, user, password, body, null);
    }

    /** As a client that labels its body with a content type, such as curl's default form type. */
    HttpResponse<String> api(String method, String path, String user, byte[] body, String contentType) {
        return api(method, path, user, passwords.get(user), body, contentType);
    }

    private HttpResponse<String> api(String method, String path, String user, String password, byte[] body,
            String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build(), http);
    }

    static HttpResponse<String> send(HttpRequest request, HttpClient client) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A browser: keeps its cookies, follows no redirect by itself. */
    Browser browser() {
        return new Browser();
    }

    final class Browser {

        final CookieManager cookies = new CookieManager();
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private String at = base;

        /**
         * From now on, requests go to the instance at {@code instance}. Cookies know no port, so it
         * gets the cookies the other instance set, as two instances behind one proxy do.
         */
        Browser at(String instance) {
            at = instance;
            return this;
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : at + path)).GET().build(),
                    client);
        }

        HttpResponse<String> post(String path, String form) {
            return send(HttpRequest.newBuilder(URI.create(at + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), client);
        }

        /** Signs in through the form, with the CSRF token the sign-in page carries; the response of the form. */
        HttpResponse<String> signIn(String user, String password) {
            String token = csrf(get("/login").body());
            return post("/login", "username=" + user + "&password=" + password + "&_csrf=" + token);
        }

        HttpResponse<String> signIn(String user) {
            return signIn(user, passwords.get(user));
        }

        /** A multipart upload as the unit page's form sends it. */
        HttpResponse<String> upload(String action, String fileName, byte[] content) {
            String boundary = "----portal" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + content.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(content, 0, body, head.length, content.length);
            System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
            return send(HttpRequest.newBuilder(URI.create(at + action))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), client);
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*upload[^\"]*)\"");

    static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return matcher.group(1);
    }

    /** The upload form's action, CSRF token included, as the page gives it. */
    static String uploadAction(String html) {
        Matcher matcher = ACTION.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no upload form in the page");
        }
        return matcher.group(1).replace("&amp;", "&");
    }

    @Override
    public void close() throws IOException {
        context.close();
        try (var walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

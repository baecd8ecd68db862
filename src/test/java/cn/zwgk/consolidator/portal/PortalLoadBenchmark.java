package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.zwgk.consolidator.JobRunner;
import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.ServeCommand;
import cn.zwgk.consolidator.registry.UnitRegistry;
import cn.zwgk.consolidator.common.Sha256;

/**
 * The load benchmark of docs/performance.md, not a timed test: it runs only when asked,
 * {@code mvn -o test -Dtest=PortalLoadBenchmark -Dportal.load.uploads=2000 -Dportal.load.clients=50
 * -Dportal.load.units=500}. Many units upload at once over localhost through the API; it reports
 * throughput and latency and checks that no upload was lost or mixed up.
 */
class PortalLoadBenchmark {

    private record Sent(String unit, String sha256, int status, String body, long nanos) {
    }

    @Test
    void many_units_upload_at_once() throws Exception {
        String asked = System.getProperty("portal.load.uploads");
        Assumptions.assumeTrue(asked != null, "a benchmark: give -Dportal.load.uploads=N to run it");
        int uploads = Integer.parseInt(asked);
        int clients = Integer.getInteger("portal.load.clients", 50);
        int unitCount = Integer.getInteger("portal.load.units", 500);

        Path folder = Files.createTempDirectory("portal-load-");
        Path submissions = Files.createDirectories(folder.resolve("submissions"));
        StringBuilder units = new StringBuilder("code,name,group\n");
        for (int i = 0; i < unitCount; i++) {
            units.append(String.format("u%04d,测试单位%d,组%d%n", i, i, i % 10));
        }
        Files.writeString(folder.resolve("units.csv"), units);
        Files.writeString(folder.resolve("job.yml"), "name: load\nyear: 2020\ntemplate: gov-2019\nunits: "
                + folder.resolve("units.csv") + "\nsubmissions: " + submissions + "\noutput: " + folder.resolve("output")
                + "\n");
        ConfigurableApplicationContext context = ServeCommand.start(
                ServeCommand.catalog(List.of(folder.resolve("job.yml").toString())),
                List.of("--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("data/db")
                        + ";WRITE_DELAY=0", "--logging.file.name=" + folder.resolve("data/log"),
                        "--portal.store=" + folder.resolve("data/store"), "--server.tomcat.threads.max=" + clients), System.out);
        try {
            String base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Path accounts = folder.resolve("accounts.csv");
            new AccountIssuer(new AccountStore(jdbc)).create(UnitRegistry.read(folder.resolve("units.csv")), accounts);
            Map<String, String> passwords = new HashMap<>();
            for (Map<String, String> line : JobRunner.readCsv(accounts)) {
                passwords.put(line.get("user"), line.get("password"));
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < uploads;) {
                        String unit = String.format("u%04d", i % unitCount);
                        // every upload has values of its own, and keeps every rule
                        byte[] content = SampleSubmission.gov2019().plus("3", "1", "natural", i)
                                .plus("3", "1", "total", i).plus("3", "3.1", "natural", i).plus("3", "3.1", "total", i)
                                .plus("3", "3.7", "natural", i).plus("3", "3.7", "total", i).bytes();
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/jobs/load/units/" + unit
                                + "/submission?file=" + unit + ".csv"))
                                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                        (unit + ":" + passwords.get(unit)).getBytes(StandardCharsets.UTF_8)))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build();
                        long t = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            sent.add(new Sent(unit, Sha256.hex(content), response.statusCode(), response.body(),
                                    System.nanoTime() - t));
                        } catch (IOException | InterruptedException e) {
                            sent.add(new Sent(unit, Sha256.hex(content), -1, e.toString(), System.nanoTime() - t));
                        }
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.MINUTES)).isTrue();
            double seconds = (System.nanoTime() - started) / 1e9;

            List<Long> latencies = sent.stream().map(Sent::nanos).sorted().toList();
            long ok = sent.stream().filter(s -> s.status() == 200 && s.body().contains("\"status\":\"accepted\"")
                    && s.body().contains("\"unit\":\"" + s.unit() + "\"") && s.body().contains(s.sha256())).count();
            long stored = jdbc.queryForObject("SELECT COUNT(*) FROM portal_upload", Long.class);
            long storedMatching = sent.stream().filter(s -> jdbc.queryForObject("SELECT COUNT(*) FROM portal_upload"
                    + " WHERE unit_code = ? AND sha256 = ?", Long.class, s.unit(), s.sha256()) == 1).count();
            int wrongFiles = 0;
            for (int u = 0; u < Math.min(unitCount, uploads); u++) {
                String unit = String.format("u%04d", u);
                String last = jdbc.queryForObject("SELECT sha256 FROM portal_upload WHERE unit_code = ? AND upload_id ="
                        + " (SELECT MAX(upload_id) FROM portal_upload WHERE unit_code = ?)", String.class, unit, unit);
                if (!Sha256.hex(Files.readAllBytes(submissions.resolve(unit + ".csv"))).equals(last)) {
                    wrongFiles++;
                }
            }
            try (var names = Files.list(submissions)) {
                assertThat(names.count()).isEqualTo(Math.min(unitCount, uploads));
            }
            String report = String.format("%d uploads, %d clients, %d units: %.1f s, %.1f uploads/s; latency p50 %.0f ms,"
                    + " p95 %.0f ms, max %.0f ms; accepted and answered for the right unit and file %d; stored %d"
                    + " (each sent file exactly once: %d); units whose file is not their last upload %d; load %s",
                    uploads, clients, unitCount, seconds, uploads / seconds, latencies.get(latencies.size() / 2) / 1e6,
                    latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1) / 1e6,
                    latencies.get(latencies.size() - 1) / 1e6, ok, stored, storedMatching, wrongFiles,
                    Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println(report);
            Files.writeString(Path.of("target/portal-load.txt"), report + "\n");
            assertThat(ok).isEqualTo(uploads);
            assertThat(stored).isEqualTo(uploads);
            assertThat(storedMatching).isEqualTo(uploads);
            assertThat(wrongFiles).isZero();
        } finally {
            context.close();
            try (var walk = Files.walk(folder)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}

package cn.zwgk.consolidator;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the province-sized input of the benchmark (docs/performance.md) into target/benchmark:
 * {@code mvn test -Dtest=BenchmarkInput -Dbenchmark.units=20000}. Not a timed test: it only makes
 * the files, and is skipped unless asked for.
 */
class BenchmarkInput {

    @Test
    @EnabledIfSystemProperty(named = "benchmark.units", matches = "\\d+")
    void writeProvinceSizedInput() throws IOException {
        int units = Integer.parseInt(System.getProperty("benchmark.units"));
        Path root = Path.of("target/benchmark");
        Path submissions = root.resolve("submissions");
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(submissions);
        List<byte[]> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("input/bozhou-2020/submissions"))) {
            for (Path file : files.sorted().toList()) {
                samples.add(Files.readAllBytes(file));
            }
        }
        try (Writer registry = Files.newBufferedWriter(root.resolve("units.csv"), StandardCharsets.UTF_8)) {
            registry.write("code,name,group\n");
            for (int i = 0; i < units; i++) {
                String code = String.format("unit-%05d", i);
                registry.write(code + ",第" + i + "号单位,第" + (i % 100) + "组\n");
                Files.write(submissions.resolve(code + ".csv"), samples.get(i % samples.size()));
            }
        }
        Files.writeString(root.resolve("job.yml"), """
                name: benchmark
                year: 2020
                template: gov-2019
                units: target/benchmark/units.csv
                submissions: target/benchmark/submissions
                output: target/benchmark/output
                """, StandardCharsets.UTF_8);
    }
}

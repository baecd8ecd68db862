package cn.zwgk.consolidator;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the input of the benchmark (tools/benchmark.sh, docs/performance.md): {@code units}
 * gov-2019 submissions, each with values of its own, a registry and a job file:
 * {@code mvn test -Dtest=BenchmarkInput -Dbenchmark.units=20000 [-Dbenchmark.dir=target/benchmark-20000]
 * [-Dbenchmark.seed=2019]}. Not a timed test: it only makes the files, and is skipped unless asked for.
 */
class BenchmarkInput {

    @Test
    @EnabledIfSystemProperty(named = "benchmark.units", matches = "\\d+")
    void writeProvinceSizedInput() throws IOException {
        int units = Integer.parseInt(System.getProperty("benchmark.units"));
        Path root = Path.of(System.getProperty("benchmark.dir", "target/benchmark-" + units)).toAbsolutePath();
        long seed = Long.parseLong(System.getProperty("benchmark.seed", "2019"));
        System.out.println("benchmark input: " + units + " units, seed " + seed + ", in " + root);
        LargeInput.writeDistinct(root, units, seed);
    }
}

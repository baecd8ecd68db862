package cn.zwgk.consolidator;

import java.io.IOException;
import java.nio.file.Path;

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
        LargeInput.write(Path.of("target/benchmark").toAbsolutePath(),
                Integer.parseInt(System.getProperty("benchmark.units")));
    }
}

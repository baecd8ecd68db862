package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zwgk.consolidator.submission.SubmissionReader;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.validation.RuleChecks;

/** The benchmark's generated units are valid, each its own, and the same for the same seed. */
class LargeInputTest {

    private static final ReportTemplate GOV_2019 = TemplateCatalog.load("gov-2019");
    private static final long SEED = System.nanoTime();

    private static List<byte[]> submissions(long seed, int units) {
        System.out.println("LargeInputTest seed " + seed);
        LargeInput.DistinctSubmissions generator = new LargeInput.DistinctSubmissions(seed);
        return Stream.generate(generator::next).limit(units).toList();
    }

    @Test
    void everyGeneratedSubmissionIsCompleteAndPassesEveryRule() {
        for (byte[] file : submissions(SEED, 300)) {
            SubmissionReader.Result read = new SubmissionReader(GOV_2019, false).read(file);

            assertThat(read.findings()).isEmpty();
            assertThat(new RuleChecks(GOV_2019).check(read.values(), null)).isEmpty();
        }
    }

    @Test
    void noTwoUnitsReportTheSameValues() {
        Set<ByteBuffer> distinct = new HashSet<>();
        for (byte[] file : submissions(SEED, 300)) {
            distinct.add(ByteBuffer.wrap(file));
        }

        assertThat(distinct).hasSize(300);
    }

    @Test
    void theSameSeedWritesTheSameFolder(@TempDir Path dir) throws IOException {
        LargeInput.writeDistinct(dir.resolve("a"), 20, SEED);
        LargeInput.writeDistinct(dir.resolve("b"), 20, SEED);

        for (int i = 0; i < 20; i++) {
            String name = String.format("submissions/unit-%05d.csv", i);
            assertThat(dir.resolve("b").resolve(name)).hasSameBinaryContentAs(dir.resolve("a").resolve(name));
        }
        assertThat(Files.readString(dir.resolve("b/units.csv"))).isEqualTo(Files.readString(dir.resolve("a/units.csv")));
    }
}

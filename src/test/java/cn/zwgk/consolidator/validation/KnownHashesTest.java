package cn.zwgk.consolidator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zwgk.consolidator.common.Sha256;
import cn.zwgk.consolidator.registry.Unit;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.submission.SubmissionEntry;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;

/** status.csv's sha256 from a hash known already, asked with what the file system says after the read. */
class KnownHashesTest {

    @TempDir
    Path dir;

    private final ReportTemplate template = TemplateCatalog.load("gov-2019");
    private final SubmissionEntry qiaocheng = new SubmissionEntry(0, new Unit("qiaocheng", "谯城区人民政府", "县区"),
            "qiaocheng", "qiaocheng.csv");

    private Path sample() throws IOException {
        return Files.copy(Path.of("input/bozhou-2020/submissions/qiaocheng.csv"), dir.resolve("qiaocheng.csv"));
    }

    @Test
    void aHashKnownForTheFileAsItIsIsTaken() throws IOException {
        Path file = sample();
        String known = Sha256.hex("what the fingerprint read");
        List<BasicFileAttributes> asked = new ArrayList<>();

        CheckedSubmission checked = new SubmissionCheck(dir, template, false, SubmissionCheck.DEFAULT_MAX_BYTES,
                null, (name, attributes) -> {
                    asked.add(attributes);
                    return name.equals("qiaocheng.csv") ? known : null;
                }).check(qiaocheng);

        assertThat(checked.sha256()).isEqualTo(known);
        assertThat(asked).singleElement().satisfies(attributes -> {
            assertThat(attributes.size()).isEqualTo(Files.size(file));
            assertThat(attributes.lastModifiedTime()).isEqualTo(Files.getLastModifiedTime(file));
        });
    }

    @Test
    void withoutAKnownHashTheContentReadIsHashed() throws IOException {
        Path file = sample();

        CheckedSubmission checked = new SubmissionCheck(dir, template, false, SubmissionCheck.DEFAULT_MAX_BYTES,
                null, (name, attributes) -> null).check(qiaocheng);

        assertThat(checked.sha256()).isEqualTo(Sha256.hex(file));
        assertThat(checked.status()).isEqualTo(cn.zwgk.consolidator.common.SubmissionStatus.ACCEPTED);
    }
}

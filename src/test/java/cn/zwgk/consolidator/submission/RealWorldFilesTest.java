package cn.zwgk.consolidator.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.TemplateCatalog;

/**
 * SPEC section 4: every form a real file comes in (made by tools/make_variants.py with real
 * encoders) gives exactly the values of the plain UTF-8 file.
 */
class RealWorldFilesTest {

    private static final Path VARIANTS = Path.of("src/test/resources/variants");
    private static final ReportTemplate GOV_2019 = TemplateCatalog.load("gov-2019");

    static List<String> variants() throws IOException {
        try (Stream<Path> files = Files.list(VARIANTS)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyAcceptedFormGivesTheValuesOfThePlainFile(String variant) throws IOException {
        SubmissionReader reader = new SubmissionReader(GOV_2019, false);
        SubmissionReader.Result plain = reader.read(Files.readAllBytes(VARIANTS.resolve("utf8.csv")));
        assertThat(plain.findings()).isEmpty();

        SubmissionReader.Result read = reader.read(Files.readAllBytes(VARIANTS.resolve(variant)));

        assertThat(read.findings()).as(variant).isEmpty();
        assertThat(read.values().sameValues(plain.values())).as(variant).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theVariantsReallyAreWhatTheirNamesSay(String variant) throws IOException {
        byte[] bytes = Files.readAllBytes(VARIANTS.resolve(variant));
        if (variant.startsWith("gbk") || variant.startsWith("excel-gbk") || variant.startsWith("gb18030")) {
            // bytes of an encoder, not UTF-8 renamed: not valid UTF-8 at all
            assertThat(isUtf8(bytes)).isFalse();
            assertThat(new String(bytes, java.nio.charset.Charset.forName("GBK"))).contains("表三");
        }
        if (variant.startsWith("utf16le")) {
            assertThat(bytes).startsWith(0xFF, 0xFE);
        }
        if (variant.startsWith("utf16be")) {
            assertThat(bytes).startsWith(0xFE, 0xFF);
        }
        if (variant.startsWith("utf8-bom")) {
            assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        }
        if (variant.contains("crlf") || variant.startsWith("excel")) {
            assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("\r\n");
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}

package cn.zwgk.consolidator.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import cn.zwgk.consolidator.JobRunner;
import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

/**
 * docs/file-format.md: every form a real file comes in (made by tools/make_variants.py with real
 * encoders) gives exactly the values of the plain UTF-8 file.
 */
class RealWorldFilesTest {

    private static final Path VARIANTS = Path.of("src/test/resources/variants");
    private static final Path PLAIN = VARIANTS.resolve("utf8.csv");
    private static final ReportTemplate GOV_2019 = TemplateCatalog.load("gov-2019");
    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final int[] NO_BOM = {};

    /** What each variant file is, as make_variants.py writes it: every file of the folder is one of these. */
    record Variant(String file, Charset charset, int[] bom, boolean crlf, List<String> marks) {

        @Override
        public String toString() {
            return file;
        }
    }

    static List<Variant> variants() {
        return List.of(
                new Variant("amount-in-wanyuan.csv", StandardCharsets.UTF_8, NO_BOM, false,
                        List.of(",63592.831万元\n")),
                new Variant("blank-lines-and-commas.csv", StandardCharsets.UTF_8, NO_BOM, false,
                        List.of("\n\n", "\n,,,\n")),
                new Variant("excel-gbk-everything.csv", GBK, NO_BOM, true,
                        List.of(",label\r\n", "表三", ",\"481,857\",", ",\"63,592.831万元\",", ",,,,\r\n")),
                new Variant("fullwidth-digits.csv", StandardCharsets.UTF_8, NO_BOM, false,
                        List.of(",４８１８５７\n")),
                new Variant("gb18030-label.csv", GB18030, NO_BOM, false, List.of(",label\n", "表三")),
                new Variant("gbk-crlf-label.csv", GBK, NO_BOM, true, List.of(",label\r\n", "表三")),
                new Variant("ideographic-spaces.csv", StandardCharsets.UTF_8, NO_BOM, false,
                        List.of(",\u3000481857\u3000\n")),
                new Variant("leading-plus.csv", StandardCharsets.UTF_8, NO_BOM, false, List.of(",+481857\n")),
                new Variant("spaces.csv", StandardCharsets.UTF_8, NO_BOM, false, List.of(",  481857 \n")),
                new Variant("thousands-separators.csv", StandardCharsets.UTF_8, NO_BOM, false,
                        List.of(",\"481,857\"\n")),
                new Variant("utf16be-bom.csv", StandardCharsets.UTF_16BE, new int[] {0xFE, 0xFF}, false,
                        List.of(",label\n")),
                new Variant("utf16le-bom.csv", StandardCharsets.UTF_16LE, new int[] {0xFF, 0xFE}, true,
                        List.of(",label\r\n")),
                new Variant("utf8-bom.csv", StandardCharsets.UTF_8, new int[] {0xEF, 0xBB, 0xBF}, false,
                        List.of(",label\n")),
                new Variant("utf8-crlf.csv", StandardCharsets.UTF_8, NO_BOM, true, List.of(",481857\r\n")),
                new Variant("utf8.csv", StandardCharsets.UTF_8, NO_BOM, false,
                        List.of("table,row,column,value\n", ",481857\n")));
    }

    /** The plain file read by a plain CSV parser, not by the reader under test. */
    private static Map<String, String> plainValues() {
        Map<String, String> values = new LinkedHashMap<>();
        JobRunner.cells(PLAIN).forEach((cell, value) -> values.put(cell, ReportValues.plain(value)));
        return values;
    }

    private static Map<String, String> valuesOf(ReportValues read) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Cell cell : GOV_2019.cells()) {
            values.put(cell.table().code() + "," + cell.row().code() + "," + cell.column().code(),
                    read.plain(cell.index()));
        }
        return values;
    }

    @Test
    void theFolderHoldsExactlyTheDescribedVariants() throws IOException {
        try (Stream<Path> files = Files.list(VARIANTS)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(variants().stream().map(Variant::file).sorted().toList());
        }
    }

    @Test
    void thePlainFileGivesEveryCellOfTheTemplate() {
        assertThat(plainValues()).hasSize(GOV_2019.cellCount()).hasSize(198);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyVariantIsReadWithoutAFinding(Variant variant) throws IOException {
        SubmissionReader.Result read = new SubmissionReader(GOV_2019, false)
                .read(Files.readAllBytes(VARIANTS.resolve(variant.file())));

        assertThat(read.findings()).as(variant.file()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyVariantGivesEveryValueOfThePlainFile(Variant variant) throws IOException {
        SubmissionReader.Result read = new SubmissionReader(GOV_2019, false)
                .read(Files.readAllBytes(VARIANTS.resolve(variant.file())));

        assertThat(valuesOf(read.values())).as("the values read from " + variant.file())
                .containsExactlyInAnyOrderEntriesOf(plainValues());
    }

    /** Bytes of a real encoder, not UTF-8 renamed: a GBK or GB18030 file is no UTF-8 at all. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyVariantIsTextInItsEncodingAndNoOther(Variant variant) throws IOException {
        byte[] bytes = Files.readAllBytes(VARIANTS.resolve(variant.file()));

        assertThat(decodes(withoutBom(bytes, variant), variant.charset())).as(variant + " in " + variant.charset())
                .isTrue();
        if (!variant.charset().equals(StandardCharsets.UTF_8)) {
            assertThat(decodes(bytes, StandardCharsets.UTF_8)).as(variant + " in UTF-8").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyVariantStartsWithItsByteOrderMarkOrNone(Variant variant) throws IOException {
        byte[] bytes = Files.readAllBytes(VARIANTS.resolve(variant.file()));

        if (variant.bom().length > 0) {
            assertThat(bytes).as(variant.file()).startsWith(variant.bom());
        } else {
            assertThat(List.of(new int[] {0xEF, 0xBB, 0xBF}, new int[] {0xFF, 0xFE}, new int[] {0xFE, 0xFF}))
                    .as(variant.file()).noneMatch(bom -> startsWith(bytes, bom));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyVariantHasItsLineEnds(Variant variant) throws IOException {
        String text = text(variant);

        if (variant.crlf()) {
            assertThat(text.replace("\r\n", "")).as(variant + ": every line ends in CRLF").doesNotContain("\n");
        } else {
            assertThat(text).as(variant + ": lines end in LF").contains("\n").doesNotContain("\r");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyVariantWritesItsValuesTheWayItsNameSays(Variant variant) throws IOException {
        assertThat(text(variant)).as(variant.file()).contains(variant.marks());
    }

    private static String text(Variant variant) throws IOException {
        byte[] bytes = withoutBom(Files.readAllBytes(VARIANTS.resolve(variant.file())), variant);
        return new String(bytes, variant.charset());
    }

    private static byte[] withoutBom(byte[] bytes, Variant variant) {
        int skip = variant.bom().length;
        return java.util.Arrays.copyOfRange(bytes, Math.min(skip, bytes.length), bytes.length);
    }

    private static boolean startsWith(byte[] bytes, int[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean decodes(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

}

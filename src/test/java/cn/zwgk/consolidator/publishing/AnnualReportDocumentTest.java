package cn.zwgk.consolidator.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

/** report.docx as AnnualReportDocument writes it is, part by part, what POI's XWPF wrote. */
class AnnualReportDocumentTest {

    @TempDir
    Path folder;

    /** Issuing bodies a job file may name: XML's specials, edge spaces, control characters, non-BMP, none. */
    /** Issuing bodies a job file may name: XML's specials, edge spaces, control characters, non-BMP, none. */
    static Stream<Arguments> reports() {
        return Stream.of(Arguments.of("gov-2019", "亳州市人民政府", 1L), Arguments.of("gov-2019", null, 2L),
                Arguments.of("gov-2021", "某市人民政府办公室", 3L), Arguments.of("gov-2021", null, 4L),
                Arguments.of("gov-2019", "A&B <局> \"办\" 'x' ]]> >", 5L), Arguments.of("gov-2019", " 前后空格 ", 6L),
                Arguments.of("gov-2019", "换行\n回车\r制表\t控制\u0001\u001f", 7L),
                Arguments.of("gov-2019", "𠀀扩展B区\u00a0\ufffe\uffff", 8L), Arguments.of("gov-2021", "", 9L));
    }

    @ParameterizedTest(name = "{0}, issuer “{1}”, seed {2}")
    @MethodSource("reports")
    void everyPartIsWhatPoiWrote(String templateId, String organisation, long seed) throws IOException {
        System.out.println("seed " + seed);
        ReportTemplate template = TemplateCatalog.load(templateId);
        ReportValues totals = totals(template, new Random(seed));
        int year = 2019 + new Random(seed).nextInt(10);

        Map<String, String> ours = parts(write(out -> AnnualReportDocument.write(out, totals, year, organisation)));
        Map<String, String> poi = parts(write(out -> PoiAnnualReportDocument.write(out, totals, year, organisation)));

        assertThat(ours.keySet()).containsExactlyElementsOf(poi.keySet());
        for (String part : poi.keySet()) {
            assertThat(withoutTime(ours.get(part))).as(part).isEqualTo(withoutTime(poi.get(part)));
        }
    }

    private static ReportValues totals(ReportTemplate template, Random random) {
        ReportValues values = new ReportValues(template);
        for (int i = 0; i < template.cellCount(); i++) {
            values.set(i, !template.cell(i).type().isWhole()
                    ? BigDecimal.valueOf(random.nextInt(100_000_000), 3)
                    : BigDecimal.valueOf(random.nextInt(2_000_000_000) - 1_000_000));
        }
        return values;
    }

    private interface Writing {
        void to(ByteArrayOutputStream out) throws IOException;
    }

    private static byte[] write(Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writing.to(out);
        return out.toByteArray();
    }

    /** The parts in the order of the zip's directory. */
    private Map<String, String> parts(byte[] docx) throws IOException {
        Path file = Files.write(folder.resolve("report-" + System.nanoTime() + ".docx"), docx);
        Map<String, String> parts = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                parts.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return parts;
    }

    /** docProps/core.xml holds when the file was made; nothing else may differ. */
    private static String withoutTime(String part) {
        return part.replaceAll("<dcterms:created([^>]*)>[^<]*<", "<dcterms:created$1>…<");
    }
}

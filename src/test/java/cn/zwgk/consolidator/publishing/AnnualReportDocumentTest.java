package cn.zwgk.consolidator.publishing;

import static cn.zwgk.consolidator.output.OfficeParts.bytes;
import static cn.zwgk.consolidator.output.OfficeParts.parts;
import static cn.zwgk.consolidator.output.OfficeParts.randomTotals;
import static cn.zwgk.consolidator.output.OfficeParts.withoutTime;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
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
        ReportValues totals = randomTotals(template, new Random(seed));
        int year = 2019 + new Random(seed).nextInt(10);

        Map<String, String> ours = parts(folder, bytes(out -> AnnualReportDocument.write(out, totals, year, organisation)));
        Map<String, String> poi = parts(folder, bytes(out -> PoiAnnualReportDocument.write(out, totals, year, organisation)));

        assertThat(ours.keySet()).containsExactlyElementsOf(poi.keySet());
        for (String part : poi.keySet()) {
            assertThat(withoutTime(ours.get(part))).as(part).isEqualTo(withoutTime(poi.get(part)));
        }
    }
}

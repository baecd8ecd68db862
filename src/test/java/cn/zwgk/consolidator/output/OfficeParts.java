package cn.zwgk.consolidator.output;

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

import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;

/** For the tests that hold report.xlsx and report.docx, part by part, to what POI writes. */
public final class OfficeParts {

    private OfficeParts() {
    }

    public interface Writing {
        void to(ByteArrayOutputStream out) throws IOException;
    }

    public static byte[] bytes(Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writing.to(out);
        return out.toByteArray();
    }

    /** The parts in the order of the zip's directory (written into {@code folder} to be read as a zip file). */
    public static Map<String, String> parts(Path folder, byte[] zipped) throws IOException {
        Path file = Files.write(folder.resolve("package-" + System.nanoTime() + ".zip"), zipped);
        Map<String, String> parts = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                parts.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return parts;
    }

    /** docProps/core.xml holds when the file was made; nothing else may differ. */
    public static String withoutTime(String part) {
        return part.replaceAll("<dcterms:created([^>]*)>[^<]*<", "<dcterms:created$1>…<");
    }

    /** Totals drawn from {@code random}: amounts with three decimals, counts large and negative too. */
    public static ReportValues randomTotals(ReportTemplate template, Random random) {
        ReportValues values = new ReportValues(template);
        for (int i = 0; i < template.cellCount(); i++) {
            values.set(i, !template.cell(i).type().isWhole()
                    ? BigDecimal.valueOf(random.nextInt(100_000_000), 3)
                    : BigDecimal.valueOf(random.nextInt(2_000_000_000) - 1_000_000));
        }
        return values;
    }
}

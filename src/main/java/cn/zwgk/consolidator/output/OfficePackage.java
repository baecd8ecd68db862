package cn.zwgk.consolidator.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An Office Open XML package (report.xlsx, report.docx) written part by part into its zip, the
 * parts as POI writes them, so that a cold run does not load POI at all.
 */
public final class OfficePackage {

    public static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    public static final String STANDALONE = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    public static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final long ENTRY_TIME = Instant.parse("1980-01-01T00:00:00Z").toEpochMilli();

    private final ZipOutputStream zip;
    private final Writer xml;

    public OfficePackage(OutputStream out) {
        zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        xml = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    }

    /** A part whose whole text is at hand. */
    public void part(String name, String text) throws IOException {
        begin(name).write(text);
        end();
    }

    /** Starts a part that is streamed into the returned writer; {@link #end()} closes it. */
    public Writer begin(String name) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ENTRY_TIME); // every entry dated alike, so that only docProps/core.xml's time differs
        zip.putNextEntry(entry);
        return xml;
    }

    public void end() throws IOException {
        xml.flush();
        zip.closeEntry();
    }

    /** docProps/core.xml: the package's creation time, and POI as its creator, as POI writes it. */
    public void coreProperties(Instant created) throws IOException {
        part("docProps/core.xml", STANDALONE + "<cp:coreProperties xmlns:cp=\""
                + "http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\""
                + "http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\""
                + "http://www.w3.org/2001/XMLSchema-instance\"><dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(created.truncatedTo(ChronoUnit.SECONDS)
                        .atOffset(ZoneOffset.UTC).toLocalDateTime())
                + "Z</dcterms:created><dc:creator>Apache POI</dc:creator></cp:coreProperties>");
    }

    /** Writes the zip's directory; the stream underneath stays open, its owner closes it. */
    public void finish() throws IOException {
        zip.finish();
        zip.flush();
    }
}

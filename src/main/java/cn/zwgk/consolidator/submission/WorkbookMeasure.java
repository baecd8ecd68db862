package cn.zwgk.consolidator.submission;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Measures an .xlsx file in one streaming pass before POI builds its object model, which takes
 * a hundred times the file's size: a workbook with more rows, cells or texts than the form can
 * have, or that unpacks to far more than its size, is the wrong file and is refused unread.
 */
final class WorkbookMeasure {

    /** Per sheet; the longest table of the form has some 40 rows. */
    static final int ROW_LIMIT = 1000;
    /** In the whole workbook; the form has some 600, labels included. */
    static final long CELL_LIMIT = 20_000;
    /** Texts of the shared-strings table; the form's labels are some 200. */
    static final long TEXT_LIMIT = 20_000;
    /** What the parts of the workbook may unpack to, together; a filled-in form is some 100 KiB. */
    static final long UNPACKED_LIMIT = 32L * 1024 * 1024;

    private WorkbookMeasure() {
    }

    /** Why the workbook is too much to read, or no whole workbook, for the unit; null when it may be read. */
    static String tooMuch(byte[] content) {
        Map<String, String> sheetIds = new HashMap<>(); // r:id → sheet name
        Map<String, String> targets = new HashMap<>(); // r:id → part
        // the central directory, as POI reads it: some writers leave the sizes out of the entries' own headers
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get()) {
            Counted unpacked = new Counted();
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            // the sheets' names first, to name a sheet that is too long
            for (ZipArchiveEntry entry : entries) {
                if (entry.getName().equals("xl/workbook.xml")) {
                    parse(unpacked.of(zip.getInputStream(entry)),
                            new Elements("sheet", a -> sheetIds.put(attribute(a, "id"), a.getValue("name"))));
                } else if (entry.getName().equals("xl/_rels/workbook.xml.rels")) {
                    parse(unpacked.of(zip.getInputStream(entry)),
                            new Elements("Relationship", a -> targets.put(a.getValue("Id"), a.getValue("Target"))));
                }
            }
            long cells = 0;
            for (ZipArchiveEntry entry : entries) {
                String part = entry.getName();
                InputStream in = unpacked.of(zip.getInputStream(entry));
                if (part.startsWith("xl/worksheets/") && part.endsWith(".xml")) {
                    SheetCount count = new SheetCount(CELL_LIMIT - cells);
                    if (!parse(in, count)) {
                        String sheet = sheetName(part, sheetIds, targets);
                        return count.rows > ROW_LIMIT
                                ? "工作表“" + sheet + "”有超过 " + ROW_LIMIT + " 行（第 " + (ROW_LIMIT + 1)
                                        + " 行起未读），而报表每张表不过几十行；请确认报送的是本单位的年报统计表"
                                : "工作簿有超过 " + CELL_LIMIT + " 个单元格（至工作表“" + sheet
                                        + "”），而报表不过几百格；请确认报送的是本单位的年报统计表";
                    }
                    cells += count.cells;
                } else if (part.equals("xl/sharedStrings.xml")) {
                    if (!parse(in, new TextCount())) {
                        return "工作簿中有超过 " + TEXT_LIMIT + " 段文字，而报表不过几百段；请确认报送的是本单位的年报统计表";
                    }
                } else {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            return null;
        } catch (TooLarge e) {
            return "工作簿解压后超过 " + UNPACKED_LIMIT / 1024 / 1024 + " MiB（压缩比异常，或带有大量图片等其他内容），"
                    + "而填好的报表不过几百 KB；请只保留报表本身后重新报送";
        } catch (IOException | SAXException | ParserConfigurationException | RuntimeException e) {
            // POI could still stream a zip cut short, entry by entry, without any of these limits
            return WorkbookForm.UNREADABLE;
        }
    }

    /** False when the handler stopped the parse at a limit. */
    private static boolean parse(InputStream in, DefaultHandler handler)
            throws IOException, SAXException, ParserConfigurationException {
        XMLReader reader = XMLHelper.newXMLReader();
        reader.setContentHandler(handler);
        try {
            reader.parse(new InputSource(in));
            return true;
        } catch (Stop stop) {
            return false;
        } catch (SAXException e) {
            if (e.getException() instanceof TooLarge tooLarge) {
                throw tooLarge;
            }
            throw e;
        }
    }

    private static String attribute(Attributes attributes, String localName) {
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.getLocalName(i).isEmpty() ? attributes.getQName(i) : attributes.getLocalName(i);
            if (name.equals(localName) || name.endsWith(":" + localName)) {
                return attributes.getValue(i);
            }
        }
        return null;
    }

    private static String sheetName(String part, Map<String, String> sheetIds, Map<String, String> targets) {
        for (Map.Entry<String, String> target : targets.entrySet()) {
            String path = target.getValue().startsWith("/") ? target.getValue().substring(1) : "xl/" + target.getValue();
            if (path.equals(part) && sheetIds.containsKey(target.getKey())) {
                return sheetIds.get(target.getKey());
            }
        }
        return part.substring(part.lastIndexOf('/') + 1); // the workbook lists its sheets after them
    }

    private static String local(String localName, String qName) {
        return localName.isEmpty() ? qName.substring(qName.indexOf(':') + 1) : localName;
    }

    /** Ends a parse at a limit. */
    private static final class Stop extends SAXException {
    }

    private static final class SheetCount extends DefaultHandler {
        private final long cellsLeft;
        long rows;
        long cells;

        SheetCount(long cellsLeft) {
            this.cellsLeft = cellsLeft;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws Stop {
            String name = local(localName, qName);
            if (name.equals("row") && ++rows > ROW_LIMIT || name.equals("c") && ++cells > cellsLeft) {
                throw new Stop();
            }
        }
    }

    private static final class TextCount extends DefaultHandler {
        long texts;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws Stop {
            if (local(localName, qName).equals("si") && ++texts > TEXT_LIMIT) {
                throw new Stop();
            }
        }
    }

    private static final class Elements extends DefaultHandler {
        private final String element;
        private final java.util.function.Consumer<Attributes> found;

        Elements(String element, java.util.function.Consumer<Attributes> found) {
            this.element = element;
            this.found = found;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (local(localName, qName).equals(element)) {
                found.accept(attributes);
            }
        }
    }

    private static final class TooLarge extends IOException {
    }

    /** The entries' bytes as they unpack, counted together. */
    private static final class Counted {
        private long total;

        InputStream of(InputStream entry) {
            return new FilterInputStream(entry) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    count(Math.max(read, 0));
                    return read;
                }
            };
        }

        private void count(long bytes) throws TooLarge {
            total += bytes;
            if (total > UNPACKED_LIMIT) {
                throw new TooLarge();
            }
        }
    }
}

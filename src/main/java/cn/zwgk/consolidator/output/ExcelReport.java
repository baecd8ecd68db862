package cn.zwgk.consolidator.output;

import static cn.zwgk.consolidator.output.OfficePackage.PACKAGE_RELATIONSHIPS;
import static cn.zwgk.consolidator.output.OfficePackage.STANDALONE;
import static cn.zwgk.consolidator.output.OfficePackage.XML_DECLARATION;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;

import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TableDef;

/**
 * report.xlsx: each official table on its own sheet, in the official layout with merged headers
 * and the numbers stored as numbers, and a sheet with every unit's status.
 *
 * Written as the XML parts themselves, streamed into the zip: the workbook is a fixed frame of
 * three cell styles around inline strings and numbers, and POI's streaming workbook, which wrote
 * these very bytes before, spent more on its first use in a run (its XML schema classes, and the
 * AWT fonts it measures for column widths this report never asks for) than on a province's 20,000
 * lines. ExcelReportTest holds every part to what POI writes for the same report, and reads the
 * file back with POI.
 */
public final class ExcelReport {

    private ExcelReport() {
    }

    /**
     * Makes POI write its temporary files (SXSSF's sheets) into a folder of the program's own,
     * readable by its owner only, instead of {@code poifiles} in the system's temporary folder,
     * which another user may own. Once, at start: POI keeps the setting for the whole program.
     */
    public static Path useTemporaryFolder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            Files.createDirectories(absolute);
            if (absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
            }
        }
        if (!Files.isWritable(absolute)) {
            throw new IOException("临时文件夹 " + absolute + " 不可写 (temporary folder not writable)");
        }
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(absolute.toFile()));
        return absolute;
    }

    public static void write(Path file, ReportValues totals, HtmlReport.Run run) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, totals, run);
        }
    }

    /** The cell styles of styles.xml, by index: none, header text, label, number. */
    private static final int TEXT = 1;
    private static final int LABEL = 2;
    private static final int NUMBER = 3;

    static void write(OutputStream out, ReportValues totals, HtmlReport.Run run) throws IOException {
        List<Sheet> sheets = new ArrayList<>();
        for (TableDef table : totals.template().tables()) {
            Sheet sheet = new Sheet(table.name(), "<col min=\"1\" max=\"1\" width=\"40.0\" customWidth=\"true\"/>");
            int at = 0;
            for (TableGrid grid : TableGrid.of(table, totals)) {
                if (grid.title() != null) {
                    sheet.row(at++).text(0, grid.title(), 0);
                }
                List<List<TableGrid.GridCell>> rows = new ArrayList<>(grid.head());
                int headRows = rows.size();
                rows.addAll(grid.body());
                at = draw(sheet, at, rows, headRows) + 1;
            }
            sheets.add(sheet);
        }
        OfficePackage zip = new OfficePackage(out);
        zip.part("[Content_Types].xml", contentTypes(sheets.size() + 1));
        zip.part("_rels/.rels", ROOT_RELATIONS);
        zip.part("docProps/app.xml", APP);
        zip.coreProperties(Instant.now());
        zip.part("xl/sharedStrings.xml", SHARED_STRINGS);
        zip.part("xl/styles.xml", STYLES);
        List<String> names = new ArrayList<>(sheets.stream().map(Sheet::name).toList());
        names.add("报送情况");
        zip.part("xl/workbook.xml", workbook(names));
        zip.part("xl/_rels/workbook.xml.rels", workbookRelations(names.size()));
        for (int i = 0; i < sheets.size(); i++) {
            sheets.get(i).writeTo(zip.begin("xl/worksheets/sheet" + (i + 1) + ".xml"), i == 0);
            zip.end();
        }
        writeStatus(zip.begin("xl/worksheets/sheet" + (sheets.size() + 1) + ".xml"), run.status(), sheets.isEmpty());
        zip.end();
        zip.finish();
    }

    /** The status sheet, streamed line by line: a province has 20,000 of them. */
    private static void writeStatus(Writer out, List<StatusLine> status, boolean first) throws IOException {
        out.write(sheetStart("A1:G" + (status.size() + 1), first,
                "<col min=\"2\" max=\"2\" width=\"30.0\" customWidth=\"true\"/>"));
        Row header = new Row(0);
        String[] titles = {"单位代码", "单位名称", "分组", "状态", "错误", "提示", "文件"};
        for (int i = 0; i < titles.length; i++) {
            header.text(i, titles[i], TEXT);
        }
        header.writeTo(out);
        int r = 1;
        for (StatusLine line : status) {
            Row row = new Row(r++);
            row.text(0, line.code(), LABEL);
            row.text(1, line.name(), LABEL);
            row.text(2, line.group(), LABEL);
            row.text(3, line.status().word(), LABEL);
            row.number(4, Long.toString(line.errors()), NUMBER);
            row.number(5, Long.toString(line.warnings()), NUMBER);
            row.text(6, line.file(), LABEL);
            row.writeTo(out);
        }
        out.write("</sheetData>" + PAGE_MARGINS + "</worksheet>");
    }

    /** Draws rows of spanning cells from row {@code first}; returns the next free row. */
    private static int draw(Sheet sheet, int first, List<List<TableGrid.GridCell>> rows, int headRows) {
        Set<Long> taken = new HashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.row(first + r);
            int column = 0;
            for (TableGrid.GridCell cell : rows.get(r)) {
                while (taken.contains(key(r, column))) {
                    row.blank(column++, TEXT);
                }
                if (cell.number()) {
                    row.number(column, cell.text(), NUMBER);
                } else {
                    row.text(column, cell.text(), r < headRows ? TEXT : LABEL);
                }
                for (int dr = 0; dr < cell.rowspan(); dr++) {
                    for (int dc = 0; dc < cell.colspan(); dc++) {
                        taken.add(key(r + dr, column + dc));
                    }
                }
                if (cell.rowspan() > 1 || cell.colspan() > 1) {
                    sheet.merge(reference(first + r, column) + ":"
                            + reference(first + r + cell.rowspan() - 1, column + cell.colspan() - 1));
                }
                column += cell.colspan();
            }
        }
        return first + rows.size();
    }

    private static long key(int row, int column) {
        return ((long) row << 32) | column;
    }

    /** A sheet of the official tables: a few dozen rows, kept until written. */
    private static final class Sheet {

        private final String name;
        private final String columns;
        private final List<Row> rows = new ArrayList<>();
        private final List<String> merged = new ArrayList<>();

        Sheet(String name, String columns) {
            this.name = name;
            this.columns = columns;
        }

        String name() {
            return name;
        }

        Row row(int index) {
            Row row = new Row(index);
            rows.add(row);
            return row;
        }

        void merge(String range) {
            merged.add(range);
        }

        void writeTo(Writer out, boolean first) throws IOException {
            int top = Integer.MAX_VALUE;
            int bottom = 0;
            int left = Integer.MAX_VALUE;
            int right = 0;
            for (Row row : rows) {
                top = Math.min(top, row.index);
                bottom = Math.max(bottom, row.index);
                if (!row.cells.isEmpty()) {
                    left = Math.min(left, row.firstColumn);
                    right = Math.max(right, row.lastColumn);
                }
            }
            out.write(sheetStart(reference(top, left) + ":" + reference(bottom, right), first, columns));
            rows.sort((a, b) -> Integer.compare(a.index, b.index));
            for (Row row : rows) {
                row.writeTo(out);
            }
            out.write("</sheetData>");
            if (!merged.isEmpty()) {
                out.write("<mergeCells count=\"" + merged.size() + "\">");
                for (String range : merged) {
                    out.write("<mergeCell ref=\"" + range + "\"/>");
                }
                out.write("</mergeCells>");
            }
            out.write(PAGE_MARGINS + "</worksheet>");
        }
    }

    /** One row's cells, in column order, as the sheet's XML. */
    private static final class Row {

        private final int index;
        private final StringBuilder cells = new StringBuilder(256);
        private int firstColumn = -1;
        private int lastColumn = -1;

        Row(int index) {
            this.index = index;
        }

        void text(int column, String value, int style) {
            String text = value == null ? "" : value;
            start(column, style).append(" t=\"inlineStr\"><is><t");
            if (!text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                    || Character.isWhitespace(text.charAt(text.length() - 1)))) {
                cells.append(" xml:space=\"preserve\"");
            }
            cells.append('>');
            escape(text, cells);
            cells.append("</t></is></c>");
        }

        /** A number as the workbook stores it, binary floating point: every count and amount here fits exactly. */
        void number(int column, String value, int style) {
            start(column, style).append(" t=\"n\"><v>").append(new BigDecimal(value).doubleValue())
                    .append("</v></c>");
        }

        void blank(int column, int style) {
            start(column, style).append("></c>");
        }

        private StringBuilder start(int column, int style) {
            if (firstColumn < 0) {
                firstColumn = column;
            }
            lastColumn = column;
            cells.append("<c r=\"").append(reference(index, column)).append('"');
            if (style != 0) {
                cells.append(" s=\"").append(style).append('"');
            }
            return cells;
        }

        void writeTo(Writer out) throws IOException {
            out.write("<row r=\"");
            out.write(Integer.toString(index + 1));
            out.write("\">\n");
            out.append(cells);
            out.write("</row>\n");
        }
    }

    /** Text as a cell holds it: XML's specials and line breaks as references, control characters as "?". */
    private static void escape(String text, StringBuilder out) {
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#xa;");
                case '\r' -> out.append("&#xd;");
                case '\t' -> out.append("&#x9;");
                case '\u00A0' -> out.append("&#xa0;");
                default -> {
                    if (c < ' ' || c == 0xFFFE || c == 0xFFFF) {
                        out.append('?');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
    }

    /** A1-style reference of a zero-based row and column. */
    static String reference(int row, int column) {
        StringBuilder letters = new StringBuilder(4);
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return letters.append(row + 1).toString();
    }

    private static String sheetStart(String dimension, boolean first, String columns) {
        return XML_DECLARATION + "\n<worksheet xmlns=\"" + MAIN + "\"><dimension ref=\"" + dimension + "\"/>"
                + "<sheetViews><sheetView workbookViewId=\"0\"" + (first ? " tabSelected=\"true\"" : "")
                + "/></sheetViews><sheetFormatPr defaultRowHeight=\"15.0\"/><cols>" + columns + "</cols><sheetData>\n";
    }

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String DOCUMENT_RELATIONSHIPS =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PAGE_MARGINS =
            "<pageMargins bottom=\"0.75\" footer=\"0.3\" header=\"0.3\" left=\"0.7\" right=\"0.7\" top=\"0.75\"/>";
    private static final String ROOT_RELATIONS = STANDALONE + "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS
            + "\"><Relationship Id=\"rId1\" Target=\"xl/workbook.xml\" Type=\"" + DOCUMENT_RELATIONSHIPS
            + "/officeDocument\"/><Relationship Id=\"rId2\" Target=\"docProps/app.xml\" Type=\"" + DOCUMENT_RELATIONSHIPS
            + "/extended-properties\"/><Relationship Id=\"rId3\" Target=\"docProps/core.xml\" Type=\""
            + PACKAGE_RELATIONSHIPS + "/metadata/core-properties\"/></Relationships>";
    // the same properties as POI wrote, so that a report reads as it did
    private static final String APP = XML_DECLARATION + "\n<Properties xmlns=\""
            + "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>Apache POI</Application></Properties>";
    private static final String SHARED_STRINGS = XML_DECLARATION + "\n<sst count=\"0\" uniqueCount=\"0\" xmlns=\""
            + MAIN + "\"/>";
    private static final String BORDERED = " fontId=\"0\" fillId=\"0\" borderId=\"4\" xfId=\"0\" applyAlignment=\"true\""
            + " applyBorder=\"true\"><alignment horizontal=\"";
    private static final String STYLES = XML_DECLARATION + "\n<styleSheet xmlns=\"" + MAIN + "\"><numFmts count=\"0\"/>"
            + "<fonts count=\"1\"><font><sz val=\"11.0\"/><color indexed=\"8\"/><name val=\"Calibri\"/>"
            + "<family val=\"2\"/><scheme val=\"minor\"/></font></fonts><fills count=\"2\"><fill><patternFill"
            + " patternType=\"none\"/></fill><fill><patternFill patternType=\"darkGray\"/></fill></fills>"
            + "<borders count=\"5\"><border><left/><right/><top/><bottom/><diagonal/></border><border><top"
            + " style=\"thin\"/></border><border><top style=\"thin\"/><bottom style=\"thin\"/></border><border><left"
            + " style=\"thin\"/><top style=\"thin\"/><bottom style=\"thin\"/></border><border><left style=\"thin\"/>"
            + "<right style=\"thin\"/><top style=\"thin\"/><bottom style=\"thin\"/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\"" + BORDERED + "center\" vertical=\"center\" wrapText=\"true\"/></xf>"
            + "<xf numFmtId=\"0\"" + BORDERED + "left\" vertical=\"center\" wrapText=\"true\"/></xf>"
            + "<xf numFmtId=\"0\"" + BORDERED + "right\" vertical=\"center\" wrapText=\"true\"/></xf>"
            + "</cellXfs></styleSheet>";

    private static String contentTypes(int sheets) {
        String type = "application/vnd.openxmlformats-";
        StringBuilder xml = new StringBuilder(STANDALONE).append("<Types xmlns=\"")
                .append("http://schemas.openxmlformats.org/package/2006/content-types\"><Default ContentType=\"")
                .append(type).append("package.relationships+xml\" Extension=\"rels\"/><Default ContentType=\"")
                .append("application/xml\" Extension=\"xml\"/><Override ContentType=\"").append(type)
                .append("officedocument.extended-properties+xml\" PartName=\"/docProps/app.xml\"/><Override ContentType=\"")
                .append(type).append("package.core-properties+xml\" PartName=\"/docProps/core.xml\"/><Override ContentType=\"")
                .append(type).append("officedocument.spreadsheetml.sharedStrings+xml\" PartName=\"/xl/sharedStrings.xml\"/>")
                .append("<Override ContentType=\"").append(type)
                .append("officedocument.spreadsheetml.styles+xml\" PartName=\"/xl/styles.xml\"/><Override ContentType=\"")
                .append(type).append("officedocument.spreadsheetml.sheet.main+xml\" PartName=\"/xl/workbook.xml\"/>");
        for (int i = 1; i <= sheets; i++) {
            xml.append("<Override ContentType=\"").append(type)
                    .append("officedocument.spreadsheetml.worksheet+xml\" PartName=\"/xl/worksheets/sheet").append(i)
                    .append(".xml\"/>");
        }
        return xml.append("</Types>").toString();
    }

    private static String workbook(List<String> names) {
        StringBuilder xml = new StringBuilder(XML_DECLARATION).append("\n<workbook xmlns=\"").append(MAIN)
                .append("\" xmlns:r=\"").append(DOCUMENT_RELATIONSHIPS).append("\"><workbookPr date1904=\"false\"/>")
                .append("<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
        for (int i = 0; i < names.size(); i++) {
            xml.append("<sheet name=\"");
            escape(names.get(i), xml);
            xml.append("\" r:id=\"rId").append(i + 3).append("\" sheetId=\"").append(i + 1).append("\"/>");
        }
        return xml.append("</sheets></workbook>").toString();
    }

    private static String workbookRelations(int sheets) {
        StringBuilder xml = new StringBuilder(STANDALONE).append("<Relationships xmlns=\"").append(PACKAGE_RELATIONSHIPS)
                .append("\"><Relationship Id=\"rId1\" Target=\"sharedStrings.xml\" Type=\"").append(DOCUMENT_RELATIONSHIPS)
                .append("/sharedStrings\"/><Relationship Id=\"rId2\" Target=\"styles.xml\" Type=\"")
                .append(DOCUMENT_RELATIONSHIPS).append("/styles\"/>");
        for (int i = 1; i <= sheets; i++) {
            xml.append("<Relationship Id=\"rId").append(i + 2).append("\" Target=\"worksheets/sheet").append(i)
                    .append(".xml\" Type=\"").append(DOCUMENT_RELATIONSHIPS).append("/worksheet\"/>");
        }
        return xml.append("</Relationships>").toString();
    }
}

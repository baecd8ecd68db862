package cn.zwgk.consolidator.publishing;

import static cn.zwgk.consolidator.output.OfficePackage.PACKAGE_RELATIONSHIPS;
import static cn.zwgk.consolidator.output.OfficePackage.STANDALONE;
import static cn.zwgk.consolidator.output.OfficePackage.XML_DECLARATION;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.zwgk.consolidator.output.OfficePackage;
import cn.zwgk.consolidator.output.TableGrid;
import cn.zwgk.consolidator.output.TableGrid.GridCell;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TableDef;

/**
 * report.docx: the draft of the year's 政府信息公开工作年度报告 in the structure every such report
 * follows, with the parts the numbers decide written (the 依申请公开 paragraph, tables 2–4 in the
 * official layout) and marked places for what only people can write. Laid out as government
 * documents are (GB/T 9704: A4, 仿宋 三号 body, 黑体 and 楷体 headings, 28.95 pt lines).
 *
 * Written as the XML parts themselves, streamed into the zip, as ExcelReport writes report.xlsx:
 * the document is a fixed frame of paragraphs and tables, and POI's XWPF, which wrote these very
 * bytes before, spent most of the bundled sample's publishing on its first use in a run (loading
 * its XML schema type system). AnnualReportDocumentTest holds every part to what POI writes for the
 * same report, and reads the file back with POI.
 */
public final class AnnualReportDocument {

    public static final String FILE = "report.docx";

    /** Marks a place people fill in: easy to find, and highlighted so that it is not printed by mistake. */
    public static final String TO_WRITE = "【待填写：";

    private static final String BODY_FONT = "仿宋";
    private static final String HEADING_FONT = "黑体";
    private static final String SUBHEADING_FONT = "楷体";
    private static final String TITLE_FONT = "宋体";
    private static final int BODY_SIZE = 16; // 三号
    private static final int TITLE_SIZE = 22; // 二号
    private static final int LINE = 579; // 28.95 pt: 22 lines on a page, as GB/T 9704 has it
    private static final int TEXT_WIDTH = 8845; // A4 less 28 mm and 26 mm margins, in twentieths of a point
    private static final int ROW_HEIGHT = 400; // at least 7 mm, room for a line of 五号 text
    private static final int SHORT_GRID = 8;
    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    private AnnualReportDocument() {
    }

    /** The report's six headings in order: the format's, with the tables' own titles for two to four. */
    public static List<String> headings(List<TableDef> tables) {
        List<String> headings = new ArrayList<>();
        headings.add(NUMERALS[0] + "、总体情况");
        for (TableDef table : tables) {
            headings.add(NUMERALS[headings.size()] + "、" + table.title());
        }
        headings.add(NUMERALS[headings.size()] + "、存在的主要问题及改进情况");
        headings.add(NUMERALS[headings.size()] + "、其他需要报告的事项");
        return headings;
    }

    /** The title, with a marked place for the issuing body when the job names none. */
    public static String title(int year, String organisation) {
        return (organisation == null ? "【发布机关】" : organisation) + year + "年政府信息公开工作年度报告";
    }

    public static void write(Path file, ReportValues totals, int year, String organisation) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, totals, year, organisation);
        }
    }

    static void write(OutputStream out, ReportValues totals, int year, String organisation) throws IOException {
        OfficePackage zip = new OfficePackage(out);
        zip.part("[Content_Types].xml", CONTENT_TYPES);
        zip.part("_rels/.rels", ROOT_RELATIONS);
        zip.part("docProps/app.xml", APP);
        zip.coreProperties(Instant.now());
        zip.part("word/document.xml", document(totals, year, organisation));
        zip.part("word/_rels/document.xml.rels", DOCUMENT_RELATIONS);
        zip.part("word/fontTable.xml", FONT_TABLE.strip());
        zip.part("word/footer1.xml", FOOTER);
        zip.part("word/settings.xml", SETTINGS);
        zip.finish();
    }

    private static String document(ReportValues totals, int year, String organisation) {
        StringBuilder doc = new StringBuilder(1 << 18).append(XML_DECLARATION).append("\n<w:document xmlns:w=\"")
                .append(W).append("\" xmlns:r=\"").append(DOCUMENT_RELATIONSHIPS).append("\"><w:body>");
        String issuer = organisation == null ? "【发布机关】" : organisation;
        doc.append("<w:p><w:pPr><w:spacing w:after=\"").append(LINE).append("\"/><w:jc w:val=\"center\"/></w:pPr>");
        run(doc, title(year, organisation), TITLE_FONT, TITLE_SIZE * 2, true, organisation == null);
        doc.append("</w:p>");

        body(doc, false, -1);
        run(doc, "本年报是根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室"
                + "关于政府信息公开工作年度报告格式的通知（" + totals.template().title() + "）要求，由", BODY_FONT, BODY_SIZE * 2,
                false, false);
        run(doc, issuer, BODY_FONT, BODY_SIZE * 2, false, organisation == null);
        run(doc, "编制而成。报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
                + "存在的主要问题及改进情况、其他需要报告的事项等部分组成。报告中所列数据统计期限为" + year + "年1月1日至" + year
                + "年12月31日。如对本报告有任何疑问，请与", BODY_FONT, BODY_SIZE * 2, false, false);
        run(doc, TO_WRITE + "联系机关、地址、电话、邮编】", BODY_FONT, BODY_SIZE * 2, false, true);
        run(doc, "联系。", BODY_FONT, BODY_SIZE * 2, false, false);
        doc.append("</w:p>");

        List<TableDef> tables = totals.template().tables();
        List<String> headings = headings(tables);
        heading(doc, headings.get(0), 0, HEADING_FONT);
        heading(doc, "（一）主动公开情况", 1, SUBHEADING_FONT);
        toWrite(doc, "本年度主动公开工作的举措和成效，如发布政府信息的数量、政策解读、重点领域信息公开】");
        heading(doc, "（二）依申请公开情况", 1, SUBHEADING_FONT);
        if (totals.template().paragraph() == null) {
            toWrite(doc, "本年度收到和办理政府信息公开申请的情况】");
        } else {
            body(doc, false, -1);
            run(doc, year + "年，" + totals.template().paragraph().writeFor(totals).replace("\n", ""), BODY_FONT,
                    BODY_SIZE * 2, false, false);
            doc.append("</w:p>");
        }
        heading(doc, "（三）政府信息管理", 1, SUBHEADING_FONT);
        toWrite(doc, "政府信息管理制度、公开前审查、动态调整等情况】");
        heading(doc, "（四）平台建设", 1, SUBHEADING_FONT);
        toWrite(doc, "政府网站、政务新媒体、政府公报等公开平台的建设情况】");
        heading(doc, "（五）监督保障", 1, SUBHEADING_FONT);
        toWrite(doc, "组织领导、考核评议、培训、社会评议和责任追究等情况】");
        for (int t = 0; t < tables.size(); t++) {
            heading(doc, headings.get(t + 1), 0, HEADING_FONT);
            for (TableGrid grid : TableGrid.of(tables.get(t), totals)) {
                table(doc, grid);
            }
        }
        heading(doc, headings.get(tables.size() + 1), 0, HEADING_FONT);
        toWrite(doc, "本年度政府信息公开工作存在的主要问题，以及改进情况和下一步打算】");
        heading(doc, headings.get(tables.size() + 2), 0, HEADING_FONT);
        toWrite(doc, "其他需要报告的事项；没有的，写明“无”】");
        // the page as GB/T 9704 has it: A4, 37/35 mm top and bottom, 28/26 mm left and right
        doc.append("<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId2\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                + "<w:pgMar w:top=\"2098\" w:bottom=\"1984\" w:left=\"1587\" w:right=\"1474\" w:header=\"851\""
                + " w:footer=\"992\"/></w:sectPr></w:body></w:document>");
        return doc.toString();
    }

    /** Opens a body paragraph (justified, first line indented two characters, exact line height). */
    private static void body(StringBuilder doc, boolean keepNext, int outlineLevel) {
        doc.append("<w:p><w:pPr>");
        if (keepNext) {
            doc.append("<w:keepNext w:val=\"on\"/>");
        }
        doc.append("<w:spacing w:line=\"").append(LINE).append("\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"")
                .append(BODY_SIZE * 20 * 2).append("\"/><w:jc w:val=\"both\"/>");
        if (outlineLevel >= 0) {
            doc.append("<w:outlineLvl w:val=\"").append(outlineLevel).append("\"/>");
        }
        doc.append("</w:pPr>");
    }

    /** A heading (level 0) or subheading (level 1): kept with what follows, in the outline. */
    private static void heading(StringBuilder doc, String text, int level, String font) {
        body(doc, true, level);
        run(doc, text, font, BODY_SIZE * 2, false, false);
        doc.append("</w:p>");
    }

    private static void toWrite(StringBuilder doc, String what) {
        body(doc, false, -1);
        run(doc, TO_WRITE + what, BODY_FONT, BODY_SIZE * 2, false, true);
        doc.append("</w:p>");
    }

    /**
     * A run of text: Chinese in the named font, digits and Latin in Times New Roman, as Word and WPS
     * pair them; the size in half points.
     */
    private static void run(StringBuilder doc, String text, String font, int halfPoints, boolean bold,
            boolean toWrite) {
        doc.append("<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"")
                .append(font).append("\" w:hint=\"eastAsia\"/><w:sz w:val=\"").append(halfPoints)
                .append("\"/><w:b w:val=\"").append(bold ? "on" : "off").append("\"/>");
        if (toWrite) {
            doc.append("<w:highlight w:val=\"yellow\"/>");
        }
        doc.append("</w:rPr>");
        if (text.isEmpty()) {
            doc.append("<w:t/>");
        } else {
            // Word drops a run's leading and trailing spaces unless told to keep them
            doc.append(Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1))
                    ? "<w:t xml:space=\"preserve\">" : "<w:t>");
            escape(text, doc);
            doc.append("</w:t>");
        }
        doc.append("</w:r>");
    }

    /** Text as Word reads it: XML's specials as references, characters XML cannot hold as "?". */
    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '&' -> out.append("&amp;");
                // only where it would close a CDATA section, as POI's serializer does
                case '>' -> out.append(i >= 2 && text.charAt(i - 1) == ']' && text.charAt(i - 2) == ']' ? "&gt;" : ">");
                case '\r' -> out.append("&#13;");
                default -> {
                    if ((c < ' ' && c != '\n' && c != '\t') || c == 0xFFFE || c == 0xFFFF) {
                        out.append('?');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** A place on the table's grid: the grid cell that starts there, or the lower part of one that spans rows. */
    private record Slot(GridCell cell, int column, boolean continued) {
    }

    private static final String BORDER = " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";

    /** One grid drawn as a Word table: spans as gridSpan and vMerge, header rows repeated on every page. */
    private static void table(StringBuilder doc, TableGrid grid) {
        List<List<GridCell>> rows = new ArrayList<>(grid.head());
        int headRows = rows.size();
        rows.addAll(grid.body());
        List<List<Slot>> slots = layout(rows);
        int columns = 0;
        for (Slot slot : slots.get(0)) {
            columns = Math.max(columns, slot.column() + slot.cell().colspan());
        }
        int[] widths = widths(slots.subList(headRows, slots.size()), columns);
        int halfPoints = columns > 10 ? 18 : 21; // 小五 for the wide tables, 五号 for the others

        doc.append("<w:tbl><w:tblPr><w:tblW w:w=\"").append(TEXT_WIDTH).append("\" w:type=\"dxa\"/><w:tblBorders>")
                .append("<w:top").append(BORDER).append("<w:left").append(BORDER).append("<w:bottom").append(BORDER)
                .append("<w:right").append(BORDER).append("<w:insideH").append(BORDER).append("<w:insideV").append(BORDER)
                .append("</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
        for (int w : widths) {
            doc.append("<w:gridCol w:w=\"").append(w).append("\"/>");
        }
        doc.append("</w:tblGrid>");
        for (int r = 0; r < slots.size(); r++) {
            doc.append("<w:tr><w:trPr><w:cantSplit w:val=\"on\"/><w:trHeight w:val=\"").append(ROW_HEIGHT).append("\"/>");
            if (r < headRows) {
                doc.append("<w:tblHeader w:val=\"on\"/>");
            }
            doc.append("</w:trPr>");
            for (Slot slot : slots.get(r)) {
                int span = slot.cell().colspan();
                int cellWidth = 0;
                for (int c = slot.column(); c < slot.column() + span; c++) {
                    cellWidth += widths[c];
                }
                doc.append("<w:tc><w:tcPr><w:tcW w:type=\"dxa\" w:w=\"").append(cellWidth).append("\"/>");
                if (span > 1) {
                    doc.append("<w:gridSpan w:val=\"").append(span).append("\"/>");
                }
                if (slot.continued()) {
                    doc.append("<w:vMerge w:val=\"continue\"/>");
                } else if (slot.cell().rowspan() > 1) {
                    doc.append("<w:vMerge w:val=\"restart\"/>");
                }
                // a short grid (a 第二十条 item) stays on one page; a long one breaks, its header repeated
                boolean keepNext = slots.size() <= SHORT_GRID && r < slots.size() - 1;
                doc.append("<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:keepNext w:val=\"")
                        .append(keepNext ? "on" : "off")
                        .append("\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\" w:after=\"0\"/>");
                if (slot.continued()) {
                    doc.append("</w:pPr>");
                } else {
                    doc.append("<w:jc w:val=\"").append(slot.cell().number() ? "right" : r < headRows ? "center" : "left")
                            .append("\"/></w:pPr>");
                    run(doc, slot.cell().text(), BODY_FONT, halfPoints, false, false);
                }
                doc.append("</w:p></w:tc>");
            }
            doc.append("</w:tr>");
        }
        // a blank line between one grid and the next, as the official tables stand apart
        doc.append("</w:tbl><w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>");
    }

    private static List<List<Slot>> layout(List<List<GridCell>> rows) {
        Map<Long, GridCell> fromAbove = new HashMap<>();
        List<List<Slot>> slots = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<Slot> line = new ArrayList<>();
            int column = 0;
            int next = 0;
            List<GridCell> cells = rows.get(r);
            while (true) {
                GridCell above = fromAbove.get(key(r, column));
                if (above != null) {
                    line.add(new Slot(above, column, true));
                    column += above.colspan();
                } else if (next < cells.size()) {
                    GridCell cell = cells.get(next++);
                    line.add(new Slot(cell, column, false));
                    for (int below = 1; below < cell.rowspan(); below++) {
                        fromAbove.put(key(r + below, column), cell);
                    }
                    column += cell.colspan();
                } else {
                    break;
                }
            }
            slots.add(line);
        }
        return slots;
    }

    private static long key(int row, int column) {
        return ((long) row << 32) | column;
    }

    /** Numbers get narrow columns, labels share the rest by the length of their text. */
    private static int[] widths(List<List<Slot>> body, int columns) {
        int[] weight = new int[columns];
        boolean[] label = new boolean[columns];
        for (List<Slot> line : body) {
            for (Slot slot : line) {
                if (!slot.cell().number() && !slot.continued()) {
                    label[slot.column()] = true;
                    if (slot.cell().colspan() == 1) {
                        weight[slot.column()] = Math.max(weight[slot.column()],
                                Math.min(16, slot.cell().text().length()));
                    }
                }
            }
        }
        int labels = 0;
        int weights = 0;
        for (int c = 0; c < columns; c++) {
            if (label[c]) {
                labels++;
                weight[c] = Math.max(weight[c], 3);
                weights += weight[c];
            }
        }
        int[] widths = new int[columns];
        int numbers = columns - labels;
        int numberWidth = labels == 0 ? TEXT_WIDTH / columns : Math.min(2000, TEXT_WIDTH * 6 / 10 / Math.max(1, numbers));
        int rest = TEXT_WIDTH - numberWidth * numbers;
        for (int c = 0; c < columns; c++) {
            widths[c] = label[c] ? rest * weight[c] / weights : numberWidth;
        }
        return widths;
    }

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String DOCUMENT_RELATIONSHIPS =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String TYPE = "application/vnd.openxmlformats-";
    private static final String CONTENT_TYPES = STANDALONE
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default ContentType=\"" + TYPE + "package.relationships+xml\" Extension=\"rels\"/>"
            + "<Default ContentType=\"application/xml\" Extension=\"xml\"/>"
            + "<Override ContentType=\"" + TYPE + "officedocument.extended-properties+xml\" PartName=\"/docProps/app.xml\"/>"
            + "<Override ContentType=\"" + TYPE + "package.core-properties+xml\" PartName=\"/docProps/core.xml\"/>"
            + "<Override ContentType=\"" + TYPE + "officedocument.wordprocessingml.document.main+xml\""
            + " PartName=\"/word/document.xml\"/>"
            + "<Override ContentType=\"" + TYPE + "officedocument.wordprocessingml.fontTable+xml\""
            + " PartName=\"/word/fontTable.xml\"/>"
            + "<Override ContentType=\"" + TYPE + "officedocument.wordprocessingml.footer+xml\""
            + " PartName=\"/word/footer1.xml\"/>"
            + "<Override ContentType=\"" + TYPE + "officedocument.wordprocessingml.settings+xml\""
            + " PartName=\"/word/settings.xml\"/></Types>";
    private static final String ROOT_RELATIONS = STANDALONE + "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
            + "<Relationship Id=\"rId1\" Target=\"word/document.xml\" Type=\"" + DOCUMENT_RELATIONSHIPS
            + "/officeDocument\"/><Relationship Id=\"rId2\" Target=\"docProps/app.xml\" Type=\"" + DOCUMENT_RELATIONSHIPS
            + "/extended-properties\"/><Relationship Id=\"rId3\" Target=\"docProps/core.xml\" Type=\""
            + PACKAGE_RELATIONSHIPS + "/metadata/core-properties\"/></Relationships>";
    private static final String DOCUMENT_RELATIONS = STANDALONE + "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS
            + "\"><Relationship Id=\"rId1\" Target=\"settings.xml\" Type=\"" + DOCUMENT_RELATIONSHIPS + "/settings\"/>"
            + "<Relationship Id=\"rId2\" Target=\"footer1.xml\" Type=\"" + DOCUMENT_RELATIONSHIPS + "/footer\"/>"
            + "<Relationship Id=\"rId3\" Target=\"fontTable.xml\" Type=\"" + DOCUMENT_RELATIONSHIPS
            + "/fontTable\"/></Relationships>";
    private static final String APP = XML_DECLARATION + "\n<Properties xmlns=\""
            + "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>Apache POI</Application></Properties>";
    private static final String SETTINGS = XML_DECLARATION + "\n<w:settings xmlns:w=\"" + W + "\"/>";
    /** The page number as GB/T 9704 prints it: — 1 —. */
    private static final String FOOTER;

    static {
        StringBuilder footer = new StringBuilder(XML_DECLARATION).append("\n<w:ftr xmlns:w=\"").append(W)
                .append("\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>");
        run(footer, "— ", TITLE_FONT, 28, false, false);
        footer.append("<w:fldSimple w:instr=\"PAGE\"/>");
        run(footer, " —", TITLE_FONT, 28, false, false);
        FOOTER = footer.append("</w:p></w:ftr>").toString();
    }

    /**
     * The fonts the document names, with what Word, WPS and LibreOffice need to put a Chinese font of
     * the same kind in their place where they are missing: the English name Windows also knows them by
     * (FangSong), the Chinese character set and the family.
     */
    private static final String FONT_TABLE = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
              <w:font w:name="仿宋"><w:altName w:val="FangSong"/>\
            <w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/>\
            <w:pitch w:val="fixed"/></w:font>
              <w:font w:name="黑体"><w:altName w:val="SimHei"/>\
            <w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/>\
            <w:pitch w:val="fixed"/></w:font>
              <w:font w:name="楷体"><w:altName w:val="KaiTi"/>\
            <w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/>\
            <w:pitch w:val="fixed"/></w:font>
              <w:font w:name="宋体"><w:altName w:val="SimSun"/>\
            <w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/>\
            <w:pitch w:val="variable"/></w:font>
              <w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>\
            <w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
            </w:fonts>
            """;
}

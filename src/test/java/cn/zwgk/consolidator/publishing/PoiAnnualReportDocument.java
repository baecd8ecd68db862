package cn.zwgk.consolidator.publishing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTable.XWPFBorderType;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STHint;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STVerticalJc;

import cn.zwgk.consolidator.output.TableGrid;
import cn.zwgk.consolidator.output.TableGrid.GridCell;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TableDef;

/**
 * report.docx as POI's XWPF wrote it before AnnualReportDocument wrote the XML parts itself: kept
 * here so that AnnualReportDocumentTest can hold every part of the new writer to it.
 */
final class PoiAnnualReportDocument {

    private static final String TO_WRITE = AnnualReportDocument.TO_WRITE;
    private static final String BODY_FONT = "仿宋";
    private static final String HEADING_FONT = "黑体";
    private static final String SUBHEADING_FONT = "楷体";
    private static final String TITLE_FONT = "宋体";
    private static final String LATIN_FONT = "Times New Roman";
    private static final int BODY_SIZE = 16;
    private static final int TITLE_SIZE = 22;
    private static final int LINE = 579;
    private static final int TEXT_WIDTH = 8845;
    private static final int ROW_HEIGHT = 400;
    private static final int SHORT_GRID = 8;

    private PoiAnnualReportDocument() {
    }

    static void write(OutputStream out, ReportValues totals, int year, String organisation) throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            pageLayout(doc);
            fontTable(doc);
            String issuer = organisation == null ? "【发布机关】" : organisation;
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            title.setSpacingAfter(LINE);
            text(title, AnnualReportDocument.title(year, organisation), TITLE_FONT, TITLE_SIZE, true, organisation == null);

            XWPFParagraph opening = body(doc);
            text(opening, "本年报是根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室"
                    + "关于政府信息公开工作年度报告格式的通知（" + totals.template().title() + "）要求，由", BODY_FONT, BODY_SIZE,
                    false, false);
            text(opening, issuer, BODY_FONT, BODY_SIZE, false, organisation == null);
            text(opening, "编制而成。报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
                    + "存在的主要问题及改进情况、其他需要报告的事项等部分组成。报告中所列数据统计期限为" + year + "年1月1日至" + year
                    + "年12月31日。如对本报告有任何疑问，请与", BODY_FONT, BODY_SIZE, false, false);
            text(opening, TO_WRITE + "联系机关、地址、电话、邮编】", BODY_FONT, BODY_SIZE, false, true);
            text(opening, "联系。", BODY_FONT, BODY_SIZE, false, false);

            List<TableDef> tables = totals.template().tables();
            List<String> headings = AnnualReportDocument.headings(tables);
            heading(doc, headings.get(0));
            subheading(doc, "（一）主动公开情况");
            toWrite(doc, "本年度主动公开工作的举措和成效，如发布政府信息的数量、政策解读、重点领域信息公开】");
            subheading(doc, "（二）依申请公开情况");
            if (totals.template().paragraph() == null) {
                toWrite(doc, "本年度收到和办理政府信息公开申请的情况】");
            } else {
                text(body(doc), year + "年，" + totals.template().paragraph().writeFor(totals).replace("\n", ""),
                        BODY_FONT, BODY_SIZE, false, false);
            }
            subheading(doc, "（三）政府信息管理");
            toWrite(doc, "政府信息管理制度、公开前审查、动态调整等情况】");
            subheading(doc, "（四）平台建设");
            toWrite(doc, "政府网站、政务新媒体、政府公报等公开平台的建设情况】");
            subheading(doc, "（五）监督保障");
            toWrite(doc, "组织领导、考核评议、培训、社会评议和责任追究等情况】");
            for (int t = 0; t < tables.size(); t++) {
                heading(doc, headings.get(t + 1));
                for (TableGrid grid : TableGrid.of(tables.get(t), totals)) {
                    table(doc, grid);
                }
            }
            heading(doc, headings.get(tables.size() + 1));
            toWrite(doc, "本年度政府信息公开工作存在的主要问题，以及改进情况和下一步打算】");
            heading(doc, headings.get(tables.size() + 2));
            toWrite(doc, "其他需要报告的事项；没有的，写明“无”】");
            doc.write(out);
        }
    }

    private static void pageLayout(XWPFDocument doc) {
        CTSectPr section = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                : doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(2098)); // 37 mm
        margins.setBottom(BigInteger.valueOf(1984)); // 35 mm
        margins.setLeft(BigInteger.valueOf(1587)); // 28 mm
        margins.setRight(BigInteger.valueOf(1474)); // 26 mm
        margins.setHeader(BigInteger.valueOf(851));
        margins.setFooter(BigInteger.valueOf(992));
        // the page number as GB/T 9704 prints it: — 1 —
        XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph number = footer.createParagraph();
        number.setAlignment(ParagraphAlignment.CENTER);
        text(number, "— ", TITLE_FONT, 14, false, false);
        number.getCTP().addNewFldSimple().setInstr("PAGE");
        text(number, " —", TITLE_FONT, 14, false, false);
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

    private static void fontTable(XWPFDocument doc) throws IOException {
        try {
            PackagePartName name = PackagingURIHelper.createPartName("/word/fontTable.xml");
            PackagePart part = doc.getPackage().createPart(name,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml");
            try (OutputStream out = part.getOutputStream()) {
                out.write(FONT_TABLE.strip().getBytes(StandardCharsets.UTF_8));
            }
            doc.getPackagePart().addRelationship(name, TargetMode.INTERNAL,
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable");
        } catch (InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    private static XWPFParagraph body(XWPFDocument doc) {
        XWPFParagraph paragraph = doc.createParagraph();
        paragraph.setAlignment(ParagraphAlignment.BOTH);
        paragraph.setIndentationFirstLine(BODY_SIZE * 20 * 2);
        paragraph.setSpacingBetween(LINE / 20.0, LineSpacingRule.EXACT);
        return paragraph;
    }

    private static void heading(XWPFDocument doc, String text) {
        XWPFParagraph paragraph = body(doc);
        paragraph.setKeepNext(true);
        paragraph.getCTPPr().addNewOutlineLvl().setVal(BigInteger.ZERO);
        text(paragraph, text, HEADING_FONT, BODY_SIZE, false, false);
    }

    private static void subheading(XWPFDocument doc, String text) {
        XWPFParagraph paragraph = body(doc);
        paragraph.setKeepNext(true);
        paragraph.getCTPPr().addNewOutlineLvl().setVal(BigInteger.ONE);
        text(paragraph, text, SUBHEADING_FONT, BODY_SIZE, false, false);
    }

    private static void toWrite(XWPFDocument doc, String what) {
        text(body(doc), TO_WRITE + what, BODY_FONT, BODY_SIZE, false, true);
    }

    private static XWPFRun text(XWPFParagraph paragraph, String text, String font, double size, boolean bold,
            boolean toWrite) {
        XWPFRun run = paragraph.createRun();
        run.setText(text);
        fonts(run, font);
        run.setFontSize(size);
        run.setBold(bold);
        if (toWrite) {
            run.setTextHighlightColor("yellow");
        }
        return run;
    }

    /** Chinese in the named font, digits and Latin in Times New Roman, as Word and WPS pair them. */
    private static void fonts(XWPFRun run, String eastAsian) {
        CTFonts fonts = run.getCTR().isSetRPr() && run.getCTR().getRPr().sizeOfRFontsArray() > 0
                ? run.getCTR().getRPr().getRFontsArray(0)
                : (run.getCTR().isSetRPr() ? run.getCTR().getRPr() : run.getCTR().addNewRPr()).addNewRFonts();
        fonts.setAscii(LATIN_FONT);
        fonts.setHAnsi(LATIN_FONT);
        fonts.setEastAsia(eastAsian);
        fonts.setHint(STHint.EAST_ASIA);
    }

    /** A place on the table's grid: the grid cell that starts there, or the lower part of one that spans rows. */
    private record Slot(GridCell cell, int column, boolean continued) {
    }

    /** One grid drawn as a Word table: spans as gridSpan and vMerge, header rows repeated on every page. */
    private static void table(XWPFDocument doc, TableGrid grid) {
        List<List<GridCell>> rows = new ArrayList<>(grid.head());
        int headRows = rows.size();
        rows.addAll(grid.body());
        List<List<Slot>> slots = layout(rows);
        int columns = 0;
        for (Slot slot : slots.get(0)) {
            columns = Math.max(columns, slot.column() + slot.cell().colspan());
        }
        int[] widths = widths(slots.subList(headRows, slots.size()), columns);
        double size = columns > 10 ? 9 : 10.5;

        XWPFTable table = doc.createTable();
        CTTblPr properties = table.getCTTbl().getTblPr();
        CTTblWidth width = properties.isSetTblW() ? properties.getTblW() : properties.addNewTblW();
        width.setType(STTblWidth.DXA);
        width.setW(BigInteger.valueOf(TEXT_WIDTH));
        (properties.isSetTblLayout() ? properties.getTblLayout() : properties.addNewTblLayout())
                .setType(STTblLayoutType.FIXED);
        table.setTopBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setBottomBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setLeftBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setRightBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setInsideHBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setInsideVBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        CTTblGrid tableGrid = table.getCTTbl().getTblGrid() == null ? table.getCTTbl().addNewTblGrid()
                : table.getCTTbl().getTblGrid();
        while (tableGrid.sizeOfGridColArray() > 0) {
            tableGrid.removeGridCol(0);
        }
        for (int w : widths) {
            tableGrid.addNewGridCol().setW(BigInteger.valueOf(w));
        }
        for (int r = 0; r < slots.size(); r++) {
            XWPFTableRow row = table.insertNewTableRow(r + 1);
            row.setCantSplitRow(true);
            row.setHeight(ROW_HEIGHT);
            if (r < headRows) {
                row.setRepeatHeader(true);
            }
            for (Slot slot : slots.get(r)) {
                XWPFTableCell cell = row.addNewTableCell();
                CTTcPr cellProperties = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr()
                        : cell.getCTTc().addNewTcPr();
                int span = slot.cell().colspan();
                int cellWidth = 0;
                for (int c = slot.column(); c < slot.column() + span; c++) {
                    cellWidth += widths[c];
                }
                CTTblWidth tcw = cellProperties.addNewTcW();
                tcw.setType(STTblWidth.DXA);
                tcw.setW(BigInteger.valueOf(cellWidth));
                if (span > 1) {
                    cellProperties.addNewGridSpan().setVal(BigInteger.valueOf(span));
                }
                if (slot.continued()) {
                    cellProperties.addNewVMerge().setVal(STMerge.CONTINUE);
                } else if (slot.cell().rowspan() > 1) {
                    cellProperties.addNewVMerge().setVal(STMerge.RESTART);
                }
                cellProperties.addNewVAlign().setVal(STVerticalJc.CENTER);
                XWPFParagraph paragraph = cell.getParagraphs().isEmpty() ? cell.addParagraph()
                        : cell.getParagraphs().get(0);
                paragraph.setSpacingBetween(1.0);
                paragraph.setSpacingAfter(0);
                // a short grid (a 第二十条 item) stays on one page; a long one breaks, its header repeated
                paragraph.setKeepNext(slots.size() <= SHORT_GRID && r < slots.size() - 1);
                if (!slot.continued()) {
                    paragraph.setAlignment(slot.cell().number() ? ParagraphAlignment.RIGHT
                            : r < headRows ? ParagraphAlignment.CENTER : ParagraphAlignment.LEFT);
                    text(paragraph, slot.cell().text(), BODY_FONT, size, false, false);
                }
            }
        }
        table.removeRow(0);
        // a blank line between one grid and the next, as the official tables stand apart
        doc.createParagraph().setSpacingAfter(0);
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
}

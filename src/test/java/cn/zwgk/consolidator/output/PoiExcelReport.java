package cn.zwgk.consolidator.output;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TableDef;

/**
 * report.xlsx as POI's streaming workbook wrote it before ExcelReport wrote it itself: the
 * reference that ExcelReportTest holds the new writer to, entry by entry.
 *
 * report.xlsx: each official table on its own sheet, in the official layout with merged headers
 * and the numbers stored as numbers, and a sheet with every unit's status.
 */
final class PoiExcelReport {

    private PoiExcelReport() {
    }

    public static void write(Path file, ReportValues totals, HtmlReport.Run run) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, totals, run);
        }
    }

    static void write(OutputStream out, ReportValues totals, HtmlReport.Run run) throws IOException {
        // streamed: a province's status sheet has 20,000 rows, which an in-memory workbook writes slowly
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            CellStyle text = style(workbook, HorizontalAlignment.CENTER);
            CellStyle label = style(workbook, HorizontalAlignment.LEFT);
            CellStyle number = style(workbook, HorizontalAlignment.RIGHT);
            for (TableDef table : totals.template().tables()) {
                Sheet sheet = workbook.createSheet(table.name());
                int at = 0;
                for (TableGrid grid : TableGrid.of(table, totals)) {
                    if (grid.title() != null) {
                        sheet.createRow(at++).createCell(0).setCellValue(grid.title());
                    }
                    List<List<TableGrid.GridCell>> rows = new ArrayList<>(grid.head());
                    int headRows = rows.size();
                    rows.addAll(grid.body());
                    at = draw(sheet, at, rows, headRows, text, label, number) + 1;
                }
                sheet.setColumnWidth(0, 40 * 256);
            }
            Sheet status = workbook.createSheet("报送情况");
            Row header = status.createRow(0);
            String[] titles = {"单位代码", "单位名称", "分组", "状态", "错误", "提示", "文件"};
            for (int i = 0; i < titles.length; i++) {
                put(header.createCell(i), titles[i], text);
            }
            int r = 1;
            for (StatusLine line : run.status()) {
                Row row = status.createRow(r++);
                put(row.createCell(0), line.code(), label);
                put(row.createCell(1), line.name(), label);
                put(row.createCell(2), line.group(), label);
                put(row.createCell(3), line.status().word(), label);
                number(row.createCell(4), BigDecimal.valueOf(line.errors()), number);
                number(row.createCell(5), BigDecimal.valueOf(line.warnings()), number);
                put(row.createCell(6), line.file(), label);
            }
            status.setColumnWidth(1, 30 * 256);
            workbook.write(out);
            workbook.dispose();
        }
    }

    /** Draws rows of spanning cells from row {@code first}; returns the next free row. */
    private static int draw(Sheet sheet, int first, List<List<TableGrid.GridCell>> rows, int headRows,
            CellStyle text, CellStyle label, CellStyle number) {
        Set<Long> taken = new HashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(first + r);
            int column = 0;
            for (TableGrid.GridCell cell : rows.get(r)) {
                while (taken.contains(key(r, column))) {
                    row.createCell(column++).setCellStyle(text);
                }
                Cell target = row.createCell(column);
                if (cell.number()) {
                    number(target, new BigDecimal(cell.text()), number);
                } else {
                    put(target, cell.text(), r < headRows ? text : label);
                }
                for (int dr = 0; dr < cell.rowspan(); dr++) {
                    for (int dc = 0; dc < cell.colspan(); dc++) {
                        taken.add(key(r + dr, column + dc));
                    }
                }
                if (cell.rowspan() > 1 || cell.colspan() > 1) {
                    sheet.addMergedRegion(new CellRangeAddress(first + r, first + r + cell.rowspan() - 1, column,
                            column + cell.colspan() - 1));
                }
                column += cell.colspan();
            }
        }
        return first + rows.size();
    }

    private static long key(int row, int column) {
        return ((long) row << 32) | column;
    }

    private static void put(Cell cell, String value, CellStyle style) {
        cell.setCellValue(value == null ? "" : value);
        cell.setCellStyle(style);
    }

    /** A workbook stores numbers as binary floating point; every count and amount here fits exactly. */
    private static void number(Cell cell, BigDecimal value, CellStyle style) {
        cell.setCellValue(value.doubleValue());
        cell.setCellStyle(style);
    }

    private static CellStyle style(SXSSFWorkbook workbook, HorizontalAlignment alignment) {
        CellStyle style = workbook.createCellStyle();
        style.setAlignment(alignment);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        style.setWrapText(true);
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        return style;
    }
}

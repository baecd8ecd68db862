package cn.zwgk.consolidator.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import cn.zwgk.consolidator.template.CellType;
import cn.zwgk.consolidator.template.ColumnDef;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.RowDef;
import cn.zwgk.consolidator.template.TableDef;

/**
 * An official table laid out as the official format prints it, as rows of cells with their
 * spans: what the HTML report and the workbook both draw.
 */
public record TableGrid(String title, List<List<GridCell>> head, List<List<GridCell>> body) {

    /** One cell; {@code number} marks a value (right-aligned, a number in a workbook). */
    public record GridCell(String text, int colspan, int rowspan, boolean number) {

        static GridCell label(String text) {
            return new GridCell(text, 1, 1, false);
        }

        static GridCell label(String text, int colspan, int rowspan) {
            return new GridCell(text, colspan, rowspan, false);
        }

        static GridCell value(String text) {
            return new GridCell(text, 1, 1, true);
        }
    }

    /** The grids of a table: one for most tables, one per section for a table laid out by sections. */
    public static List<TableGrid> of(TableDef table, ReportValues values) {
        return switch (table.layout()) {
            case SECTIONS -> sections(table, values);
            case ACROSS -> List.of(across(table, values));
            case MATRIX -> List.of(matrix(table, values));
        };
    }

    /** As the official tables print it: an increase as {@code +428}, a decrease as {@code -72}. */
    private static String value(TableDef table, RowDef row, ColumnDef column, ReportValues values) {
        int index = values.template().indexOf(table.code(), row.code(), column.code());
        String plain = values.plain(index);
        return column.type() == CellType.CHANGE && values.decimal(index).signum() > 0 ? "+" + plain : plain;
    }

    /** 表三: the note in the corner, 申请人情况 over the columns, 法人或其他组织 over its five. */
    private static TableGrid matrix(TableDef table, ReportValues values) {
        List<ColumnDef> columns = table.rows().get(0).columns();
        boolean grouped = columns.stream().anyMatch(c -> c.group() != null);
        int headRows = (table.columnsHeading() == null ? 0 : 1) + (grouped ? 2 : 1);
        List<List<GridCell>> head = new ArrayList<>();
        for (int i = 0; i < headRows; i++) {
            head.add(new ArrayList<>());
        }
        int labelColumns = table.rows().stream().anyMatch(r -> r.section() != null) ? 3
                : table.rows().stream().anyMatch(r -> r.part() != null) ? 2 : 1;
        head.get(0).add(GridCell.label(table.note() == null ? "" : "（" + table.note() + "）", labelColumns, headRows));
        int columnRow = 0;
        if (table.columnsHeading() != null) {
            head.get(0).add(GridCell.label(table.columnsHeading(), columns.size(), 1));
            columnRow = 1;
        }
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef column = columns.get(i);
            if (column.group() == null) {
                head.get(columnRow).add(GridCell.label(column.label(), 1, grouped ? 2 : 1));
            } else {
                if (i == 0 || !Objects.equals(columns.get(i - 1).group(), column.group())) {
                    int span = 0;
                    while (i + span < columns.size() && column.group().equals(columns.get(i + span).group())) {
                        span++;
                    }
                    head.get(columnRow).add(GridCell.label(column.group(), span, 1));
                }
                head.get(columnRow + 1).add(GridCell.label(column.label()));
            }
        }
        List<List<GridCell>> body = new ArrayList<>();
        List<RowDef> rows = table.rows();
        for (int r = 0; r < rows.size(); r++) {
            RowDef row = rows.get(r);
            List<GridCell> line = new ArrayList<>();
            int left = labelColumns;
            if (row.part() != null) {
                if (r == 0 || !row.part().equals(rows.get(r - 1).part())) {
                    line.add(GridCell.label(row.part(), 1, run(rows, r, RowDef::part)));
                }
                left--;
            }
            if (row.section() != null) {
                if (r == 0 || !row.section().equals(rows.get(r - 1).section())) {
                    line.add(GridCell.label(row.section(), 1, run(rows, r, RowDef::section)));
                }
                left--;
            }
            line.add(GridCell.label(row.label(), left, 1));
            for (ColumnDef column : columns) {
                line.add(GridCell.value(value(table, row, column, values)));
            }
            body.add(line);
        }
        return new TableGrid(table.name() + " " + table.title(), head, body);
    }

    private static int run(List<RowDef> rows, int from, java.util.function.Function<RowDef, String> key) {
        int span = 0;
        while (from + span < rows.size() && Objects.equals(key.apply(rows.get(from + span)), key.apply(rows.get(from)))) {
            span++;
        }
        return span;
    }

    /** 表二: each 第二十条 item with its own header row of columns. */
    private static List<TableGrid> sections(TableDef table, ReportValues values) {
        List<TableGrid> grids = new ArrayList<>();
        List<RowDef> rows = table.rows();
        for (int r = 0; r < rows.size(); ) {
            int span = run(rows, r, row -> row.section() + "|" + row.columns());
            RowDef first = rows.get(r);
            List<List<GridCell>> head = new ArrayList<>();
            head.add(List.of(GridCell.label(first.section() == null ? "" : first.section(),
                    first.columns().size() + 1, 1)));
            List<GridCell> columns = new ArrayList<>();
            columns.add(GridCell.label("信息内容"));
            first.columns().forEach(c -> columns.add(GridCell.label(c.label())));
            head.add(columns);
            List<List<GridCell>> body = new ArrayList<>();
            for (RowDef row : rows.subList(r, r + span)) {
                List<GridCell> line = new ArrayList<>();
                line.add(GridCell.label(row.label()));
                row.columns().forEach(c -> line.add(GridCell.value(value(table, row, c, values))));
                body.add(line);
            }
            grids.add(new TableGrid(grids.isEmpty() ? table.name() + " " + table.title() : null, head, body));
            r += span;
        }
        return grids;
    }

    /** 表四: 行政复议 and the two kinds of 行政诉讼 side by side, one line of numbers. */
    private static TableGrid across(TableDef table, ReportValues values) {
        List<List<GridCell>> head = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<GridCell> line = new ArrayList<>();
        List<RowDef> rows = table.rows();
        for (int r = 0; r < rows.size(); r++) {
            RowDef row = rows.get(r);
            if (row.section() == null) {
                head.get(0).add(GridCell.label(row.label(), row.columns().size(), 2));
            } else {
                if (r == 0 || !row.section().equals(rows.get(r - 1).section())) {
                    int span = 0;
                    for (int i = r; i < rows.size() && row.section().equals(rows.get(i).section()); i++) {
                        span += rows.get(i).columns().size();
                    }
                    head.get(0).add(GridCell.label(row.section(), span, 1));
                }
                head.get(1).add(GridCell.label(row.label(), row.columns().size(), 1));
            }
            for (ColumnDef column : row.columns()) {
                head.get(2).add(GridCell.label(column.label()));
                line.add(GridCell.value(value(table, row, column, values)));
            }
        }
        return new TableGrid(table.name() + " " + table.title(), head, List.of(line));
    }
}

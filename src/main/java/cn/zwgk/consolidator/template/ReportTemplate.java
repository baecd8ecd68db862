package cn.zwgk.consolidator.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The official tables of one report format, with every cell numbered so that a submission's values
 * are plain arrays indexed by {@link Cell#index()}.
 */
public final class ReportTemplate {

    private final String id;
    private final String title;
    private final List<TableDef> tables;
    private final List<RuleDef> rules;
    private final List<Cell> cells;
    private final Map<String, Integer> cellIndex;
    private final String digest;
    private List<SummaryItem> summary = List.of();
    private Paragraph paragraph;

    /**
     * @param digest identifies the template's definition, so that a changed template file makes
     *               the next run consolidate afresh
     */
    public ReportTemplate(String id, String title, List<TableDef> tables, List<RuleDef> rules, String digest) {
        this.id = id;
        this.digest = digest;
        this.title = title;
        this.tables = List.copyOf(tables);
        this.rules = List.copyOf(rules);
        List<Cell> numbered = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (TableDef table : tables) {
            for (RowDef row : table.rows()) {
                for (ColumnDef column : row.columns()) {
                    Cell cell = new Cell(numbered.size(), table, row, column);
                    if (index.put(key(table.code(), row.code(), column.code()), cell.index()) != null) {
                        throw new IllegalArgumentException("template " + id + ": cell " + table.code() + ","
                                + row.code() + "," + column.code() + " is defined twice");
                    }
                    numbered.add(cell);
                }
            }
        }
        this.cells = Collections.unmodifiableList(numbered);
        this.cellIndex = index;
    }

    private static String key(String table, String row, String column) {
        return table + '\u0000' + row + '\u0000' + column;
    }

    public String id() {
        return id;
    }

    public List<SummaryItem> summary() {
        return summary;
    }

    /** The report's opening paragraph, or null when the template has none. */
    public Paragraph paragraph() {
        return paragraph;
    }

    void setParagraph(Paragraph paragraph) {
        this.paragraph = paragraph;
    }

    void setSummary(List<SummaryItem> summary) {
        this.summary = List.copyOf(summary);
    }

    public String digest() {
        return digest;
    }

    public String title() {
        return title;
    }

    public List<TableDef> tables() {
        return tables;
    }

    public List<RuleDef> rules() {
        return rules;
    }

    public List<Cell> cells() {
        return cells;
    }

    public int cellCount() {
        return cells.size();
    }

    public Cell cell(int index) {
        return cells.get(index);
    }

    /** The cell's index, or -1 when the template has no such cell. */
    public int indexOf(String table, String row, String column) {
        Integer index = cellIndex.get(key(table, row, column));
        return index == null ? -1 : index;
    }

    public TableDef table(String code) {
        for (TableDef table : tables) {
            if (table.code().equals(code)) {
                return table;
            }
        }
        return null;
    }
}

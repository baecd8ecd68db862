package cn.zwgk.consolidator.template;

/** One cell of the template; {@code index} is its position in every value array of that template. */
public record Cell(int index, TableDef table, RowDef row, ColumnDef column) {

    public CellType type() {
        return column.type();
    }

    /** The cell as people name it: 表三 第（七）项总计·自然人. */
    public String describe() {
        return table.name() + " " + row.ref() + "·" + column.label();
    }
}

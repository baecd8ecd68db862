package cn.zwgk.consolidator.template;

import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.common.Severity;

/** One cell of the template; {@code index} is its position in every value array of that template. */
public record Cell(int index, TableDef table, RowDef row, ColumnDef column) {

    public CellType type() {
        return column.type();
    }

    /** The cell as people name it: 表三 第（七）项总计·自然人. */
    public String describe() {
        return table.name() + " " + row.ref() + "·" + column.label();
    }

    /** A finding about this cell, named by the template's codes. */
    public Finding finding(Severity severity, String rule, String expected, String actual, String message) {
        return new Finding(severity, rule, table().code(), row().code(), column().code(), expected, actual, message);
    }
}

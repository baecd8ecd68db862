package cn.zwgk.consolidator.template;

import java.util.List;

/**
 * An official table.
 *
 * @param name  how people call it (表三)
 * @param title the official heading (收到和处理政府信息公开申请情况)
 * @param note           the official note printed with the table, or null
 * @param layout         how the official format lays the table out
 * @param columnsHeading the heading over all columns in a matrix (申请人情况), or null
 */
public record TableDef(String code, String name, String title, String note, TableLayout layout, String columnsHeading,
        List<RowDef> rows) {

    public RowDef row(String rowCode) {
        for (RowDef row : rows) {
            if (row.code().equals(rowCode)) {
                return row;
            }
        }
        return null;
    }
}

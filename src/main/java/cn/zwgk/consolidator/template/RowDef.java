package cn.zwgk.consolidator.template;

import java.util.List;

/**
 * A row of an official table.
 *
 * @param part    the outer heading a group of rows stands under (三、本年度办理结果), or null
 * @param section the official heading the row stands under (第二十条第（一）项, （三）不予公开), or null
 * @param ref     how messages name the row so that it is unambiguous on its own
 */
public record RowDef(String code, String label, String part, String section, String ref, List<ColumnDef> columns) {

    public ColumnDef column(String columnCode) {
        for (ColumnDef column : columns) {
            if (column.code().equals(columnCode)) {
                return column;
            }
        }
        return null;
    }
}

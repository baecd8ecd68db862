package cn.zwgk.consolidator.template;

/**
 * A column of an official table.
 *
 * @param group the merged header above the column in the official layout (法人或其他组织), or null
 */
public record ColumnDef(String code, String label, String group, CellType type) {
}

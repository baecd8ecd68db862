package cn.zwgk.consolidator.registry;

/**
 * A reporting unit of the registry.
 *
 * @param code  identifier and stem of the unit's submission file
 * @param group units sharing a group are subtotalled together (county, 市直部门); null when none
 */
public record Unit(String code, String name, String group) {
}

package cn.zwgk.consolidator.submission;

import cn.zwgk.consolidator.registry.Unit;

/**
 * One line of the status list to be: a registry unit (with its file or without) or something in
 * the submissions folder that belongs to no unit.
 *
 * @param ordinal  the line's position, stable across reruns of the same inputs
 * @param unit     the registry unit, or null for an unknown entry
 * @param code     the unit's code, or for an unknown entry the file's stem (whole name without .csv)
 * @param file     the path relative to the submissions folder, or null when the unit sent nothing
 */
public record SubmissionEntry(int ordinal, Unit unit, String code, String file) {

    public boolean isUnknown() {
        return unit == null;
    }

    public boolean isMissing() {
        return unit != null && file == null;
    }
}

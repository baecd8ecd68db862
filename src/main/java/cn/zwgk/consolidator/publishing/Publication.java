package cn.zwgk.consolidator.publishing;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What the published documents need beyond the tables.
 *
 * @param organisation the issuing body (亳州市人民政府) for the report's title and the letters, or null
 * @param deadline     the day units must report by, for the letters, or null
 * @param submissions  the submissions folder, where a letter finds when a unit's file arrived
 */
public record Publication(String organisation, LocalDate deadline, Path submissions) {
}

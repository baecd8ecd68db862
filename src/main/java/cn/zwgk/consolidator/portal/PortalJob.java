package cn.zwgk.consolidator.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import cn.zwgk.consolidator.consolidation.PreviousYear;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.registry.UnitRegistry;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.validation.SubmissionCheck;

/**
 * One job the portal serves: its definition, template and registry as the job reads them, and the
 * job's own check of a submission. The registry is read again when its file changes.
 */
public final class PortalJob {

    private final JobDefinition definition;
    private final Map<String, String> overrides;
    private final ReportTemplate template;
    private final PreviousYear previousYear;
    private UnitRegistry registry;
    private FileTime registryTime;

    public PortalJob(JobDefinition definition) throws IOException {
        this(definition, Map.of());
    }

    /** @param overrides the command line's settings the definition was read with, applied again to each run */
    public PortalJob(JobDefinition definition, Map<String, String> overrides) throws IOException {
        this.definition = definition;
        this.overrides = Map.copyOf(overrides);
        this.template = TemplateCatalog.load(definition.template());
        Path previous = definition.previous();
        this.previousYear = previous == null ? null : lastYear(previous);
        registry();
    }

    /** Last year as the job reads it, or null when it cannot be used: the nightly run then says why in a note. */
    private static PreviousYear lastYear(Path previous) {
        try {
            return PreviousYear.load(previous, true);
        } catch (PreviousYear.UnusableException e) {
            return null;
        }
    }

    public String name() {
        return definition.name();
    }

    public JobDefinition definition() {
        return definition;
    }

    /** The job file's keys given on serve's command line: this instance's own paths to the shared folders. */
    public Map<String, String> overrides() {
        return overrides;
    }

    public ReportTemplate template() {
        return template;
    }

    /** Last year's accepted values of a unit, or null (no previous year, or the unit had none). */
    public ReportValues lastYear(String code) {
        return previousYear == null ? null : previousYear.unit(code);
    }

    public synchronized UnitRegistry registry() {
        try {
            FileTime time = Files.getLastModifiedTime(definition.units());
            if (registry == null || !time.equals(registryTime)) {
                registry = UnitRegistry.read(definition.units());
                registryTime = time;
            }
        } catch (IOException e) {
            if (registry == null) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return registry;
    }

    /** The job's check, exactly as the nightly run builds it, of the files in {@code folder}. */
    public SubmissionCheck check(Path folder) {
        return new SubmissionCheck(folder, template, definition.blankAsZero(), definition.maxFileSize(),
                previousYear == null ? null : previousYear::unit);
    }

    /** Jobs by name, in the order served. */
    public record Catalog(Map<String, PortalJob> jobs) {

        public PortalJob find(String name) {
            return jobs.get(name);
        }
    }
}

package cn.zwgk.consolidator.consolidation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import cn.zwgk.consolidator.submission.SubmissionReader;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

/**
 * Last year's output folder, as this program wrote it: the template it used ({@code run.yml}),
 * the city totals ({@code consolidated.csv}) and every accepted unit's values
 * ({@code accepted-values.csv}).
 */
public final class PreviousYear {

    public static final String RUN_FILE = "run.yml";

    private final ReportValues totals;
    private final Map<String, ReportValues> units;

    private PreviousYear(ReportValues totals, Map<String, ReportValues> units) {
        this.totals = totals;
        this.units = units;
    }

    /** Whether {@code folder} holds a published run to compare with. */
    public static boolean isThere(Path folder) {
        return folder != null && Files.isRegularFile(folder.resolve(RUN_FILE))
                && Files.isRegularFile(folder.resolve("consolidated.csv"))
                && Files.isRegularFile(folder.resolve(AcceptedValues.FILE));
    }

    /**
     * @param withUnits whether to read every unit's values too, or the city totals only
     * @throws IOException when the folder is there but cannot be read as last year's output
     */
    public static PreviousYear load(Path folder, boolean withUnits) throws IOException {
        ReportTemplate template = TemplateCatalog.load(readRunFile(folder).get("template"));
        SubmissionReader.Result read = new SubmissionReader(template, false)
                .read(Files.readAllBytes(folder.resolve("consolidated.csv")));
        if (!read.findings().isEmpty()) {
            throw new IOException(folder.resolve("consolidated.csv") + " 不是 " + template.id() + " 格式的合计表");
        }
        Map<String, ReportValues> units = withUnits ? AcceptedValues.read(folder.resolve(AcceptedValues.FILE), template)
                : Map.of();
        return new PreviousYear(read.values(), units);
    }

    /** The run whose outputs the folder holds, by its {@code run.yml}; null when it names none. */
    public static Long publishedRun(Path folder) {
        try {
            String run = readRunFile(folder).get("run");
            return run == null ? null : Long.valueOf(run);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, String> readRunFile(Path folder) throws IOException {
        Map<String, String> run = new HashMap<>();
        for (String line : Files.readAllLines(folder.resolve(RUN_FILE), StandardCharsets.UTF_8)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                run.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return run;
    }

    /** Writes what next year needs to know of this run's output folder. */
    public static void writeRunFile(Path folder, String jobName, int year, String template, long runId)
            throws IOException {
        Files.writeString(folder.resolve(RUN_FILE), "name: " + jobName + "\nyear: " + year + "\ntemplate: " + template
                + "\nrun: " + runId + "\n", StandardCharsets.UTF_8);
    }

    public ReportValues totals() {
        return totals;
    }

    /** Last year's values of a unit, or null for a unit that was not accepted last year. */
    public ReportValues unit(String code) {
        return units.get(code);
    }
}

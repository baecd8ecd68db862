package cn.zwgk.consolidator.consolidation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.zwgk.consolidator.output.RunFile;
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

    public static final String RUN_FILE = RunFile.NAME;

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

    private static Map<String, String> readRunFile(Path folder) throws IOException {
        return RunFile.read(folder).info();
    }

    /** What run.yml says of a run besides its files: what next year needs to know of this output. */
    public static Map<String, String> runInfo(String jobName, int year, String template, long runId) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("name", jobName);
        info.put("year", Integer.toString(year));
        info.put("template", template);
        info.put("run", Long.toString(runId));
        return info;
    }

    public ReportValues totals() {
        return totals;
    }

    /** Last year's values of a unit, or null for a unit that was not accepted last year. */
    public ReportValues unit(String code) {
        return units.get(code);
    }
}

package cn.zwgk.consolidator.consolidation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.zwgk.consolidator.common.RunFile;
import cn.zwgk.consolidator.submission.SubmissionReader;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.validation.SubmissionCheck;

/**
 * Last year's output folder, as this program wrote it: the template it used ({@code run.yml}),
 * the city totals ({@code consolidated.csv}) and every accepted unit's values
 * ({@code accepted-values.csv}).
 */
public final class PreviousYear {

    public static final String RUN_FILE = RunFile.NAME;
    private static final String TOTALS_FILE = "consolidated.csv";

    private final ReportValues totals;
    private final Map<String, ReportValues> units;

    private PreviousYear(ReportValues totals, Map<String, ReportValues> units) {
        this.totals = totals;
        this.units = units;
    }

    /** Last year's folder cannot be compared with; the message says what is wrong with it, for the office. */
    public static final class UnusableException extends Exception {

        UnusableException(String why) {
            super(why);
        }
    }

    /** More than any consolidated.csv of this program holds: a larger file is another file. */
    private static final long TOTALS_LIMIT = SubmissionCheck.DEFAULT_MAX_BYTES;

    /**
     * @param withUnits whether to keep every unit's values too, or the city totals only
     * @throws UnusableException when the folder is missing or is not, whole, last year's output of this program
     */
    public static PreviousYear load(Path folder, boolean withUnits) throws UnusableException {
        if (!Files.isDirectory(folder)) {
            throw new UnusableException(Files.exists(folder, LinkOption.NOFOLLOW_LINKS) ? "不是文件夹" : "不存在");
        }
        for (String name : List.of(RUN_FILE, TOTALS_FILE, AcceptedValues.FILE)) {
            Path file = folder.resolve(name);
            if (!Files.exists(file)) {
                throw new UnusableException("缺少 " + name + "（应有 run.yml、consolidated.csv、accepted-values.csv）");
            }
            if (!Files.isRegularFile(file)) {
                throw new UnusableException(name + " 不是文件" + (Files.isDirectory(file) ? "（是文件夹）" : ""));
            }
        }
        try {
            String templateName = readRunFile(folder).get("template");
            if (templateName == null || templateName.isEmpty()) {
                throw new UnusableException("run.yml 中没有 template（上一年度所用的模板）");
            }
            ReportTemplate template;
            try {
                template = TemplateCatalog.load(templateName);
            } catch (RuntimeException e) {
                throw new UnusableException("run.yml 中的模板“" + abbreviate(templateName) + "”不存在或无法读取");
            }
            SubmissionReader.Result read = new SubmissionReader(template, false)
                    .read(readAtMost(folder.resolve(TOTALS_FILE), TOTALS_LIMIT));
            if (!read.findings().isEmpty()) {
                throw new UnusableException(TOTALS_FILE + " 不是完整的 " + template.id() + " 合计表（"
                        + read.findings().get(0).message() + (read.findings().size() > 1 ? "，等 "
                                + read.findings().size() + " 处问题" : "") + "）");
            }
            // read through even for the totals alone, so that the check of every unit and the note on
            // the totals agree on whether last year can be used
            Map<String, ReportValues> units = AcceptedValues.read(folder.resolve(AcceptedValues.FILE), template,
                    withUnits);
            return new PreviousYear(read.values(), units);
        } catch (IOException e) {
            throw new UnusableException("无法读取（" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : "：" + e.getMessage()) + "）");
        }
    }

    private static byte[] readAtMost(Path file, long limit) throws IOException, UnusableException {
        if (Files.size(file) > limit) {
            throw new UnusableException(file.getFileName() + " 有 " + Files.size(file) + " 字节，不是本程序写出的文件");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes((int) limit + 1);
            if (content.length > limit) {
                throw new UnusableException(file.getFileName() + " 读取时超过 " + limit + " 字节，不是本程序写出的文件");
            }
            return content;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "…";
    }

    private static Map<String, String> readRunFile(Path folder) throws UnusableException {
        try {
            return RunFile.read(folder).info();
        } catch (IOException e) {
            throw new UnusableException(e.getMessage());
        }
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

package cn.zwgk.consolidator.consolidation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    public static final String RUN_FILE = "run.yml";
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

    /** More than any run.yml or consolidated.csv of this program holds: a larger file is another file. */
    private static final long RUN_FILE_LIMIT = 64 * 1024;
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

    /** The run whose outputs the folder holds, by its {@code run.yml}; null when it names none. */
    public static Long publishedRun(Path folder) {
        try {
            String run = readRunFile(folder).get("run");
            return run == null ? null : Long.valueOf(run);
        } catch (IOException | UnusableException | NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, String> readRunFile(Path folder) throws IOException, UnusableException {
        Map<String, String> run = new HashMap<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(readAtMost(folder.resolve(RUN_FILE), RUN_FILE_LIMIT))).toString();
        } catch (CharacterCodingException e) {
            throw new UnusableException("run.yml 不是 UTF-8 文本，不是本程序写出的文件");
        }
        for (String line : text.split("\\R")) {
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

package cn.zwgk.consolidator.publishing;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import cn.zwgk.consolidator.output.FindingLine;
import cn.zwgk.consolidator.output.HtmlReport;
import cn.zwgk.consolidator.output.StatusLine;

/**
 * {@code feedback/<code>.html}: a one-page letter to each registry unit whose submission is
 * rejected, missing or accepted with warnings, saying what was received, what is wrong in the
 * official words, what to do and by when. A clean unit gets none; an unknown file names no unit.
 * Thymeleaf writes them, so every text from a unit's file or the registry is escaped.
 */
public final class FeedbackLetters {

    public static final String FOLDER = "feedback";

    private static final TemplateEngine ENGINE = HtmlReport.engine("publishing/");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private FeedbackLetters() {
    }


    /** Whether a line of the status list gets a letter. */
    public static boolean needsLetter(StatusLine line) {
        return switch (line.status()) {
            case REJECTED, MISSING -> true;
            case ACCEPTED -> line.warnings() > 0;
            default -> false;
        };
    }

    /**
     * Writes the letters into {@code output/feedback}; returns how many.
     *
     * @param format the official format the tables follow (国办公开办函〔2019〕60号)
     * @param asOf   when the run read the submissions, for "not received by"
     */
    public static int write(Path output, int year, String format, Publication publication, List<StatusLine> status,
            List<FindingLine> findings, LocalDateTime asOf) throws IOException {
        Map<String, List<FindingLine>> byUnit = new HashMap<>();
        for (StatusLine line : status) {
            if (needsLetter(line)) {
                byUnit.put(line.code(), new ArrayList<>());
            }
        }
        for (FindingLine finding : findings) {
            List<FindingLine> unit = byUnit.get(finding.unit());
            if (unit != null) {
                unit.add(finding);
            }
        }
        Path folder = Files.createDirectories(output.resolve(FOLDER));
        String sender = publication.organisation() == null ? "政务公开办公室" : publication.organisation();
        String title = year + "年度政府信息公开工作年度报告统计表报送情况反馈";
        String deadline = publication.deadline() == null ? null : "请于" + publication.deadline().format(DAY) + "前完成。";
        String date = asOf.toLocalDate().format(DAY);
        String notYet = "截至" + asOf.format(DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")) + "，我们尚未收到贵单位" + year
                + "年度政府信息公开工作年度报告统计表的报送文件，本次汇总未能包括贵单位。";
        int letters = 0;
        for (StatusLine line : status) {
            if (!needsLetter(line)) {
                continue;
            }
            // the sentences are made here and the template only places them: a province has thousands of letters
            Context context = new Context();
            context.setVariable("title", title);
            context.setVariable("salutation", line.name() + "：");
            String code = line.code();
            List<Map<String, String>> file = new ArrayList<>(3);
            switch (line.status()) {
                case MISSING -> {
                    context.setVariable("opening", notYet);
                    file.add(Map.of("name", "收到的文件", "value", "未收到", "css", ""));
                    file.add(Map.of("name", "应报送的文件", "value", code + ".csv 或 " + code + ".xlsx", "css", ""));
                    context.setVariable("nextStep", "请将本单位的统计表以“" + code + ".csv”为文件名（或在空白报表中填写后存为“" + code
                            + ".xlsx”）报送。");
                }
                case REJECTED -> {
                    context.setVariable("opening", "我们收到了贵单位报送的" + year + "年度政府信息公开工作年度报告统计表。经按" + format
                            + "规定的格式和勾稽关系校验，文件有以下 " + line.errors() + " 处错误，未能纳入汇总，现予退回。");
                    context.setVariable("nextStep", "请按以上说明逐条修改后，重新报送整份文件，文件名仍为“" + code + ".csv”（或“" + code
                            + ".xlsx”）。重新报送的文件将在下一次汇总时重新校验。");
                }
                default -> {
                    context.setVariable("opening", "我们收到了贵单位报送的" + year + "年度政府信息公开工作年度报告统计表，已通过校验并纳入汇总。以下 "
                            + line.warnings() + " 处提示请予核实。");
                    context.setVariable("nextStep", "提示不影响本次汇总。请逐条核实：数据确有错误的，请修改后重新报送整份文件；数据无误的，请书面说明情况。");
                }
            }
            if (line.file() != null && !line.file().isEmpty()) {
                file.add(Map.of("name", "收到的文件", "value", line.file(), "css", ""));
                file.add(Map.of("name", "收到时间", "value", receivedAt(publication.submissions().resolve(line.file())),
                        "css", ""));
                file.add(Map.of("name", "SHA-256", "value", line.sha256() == null ? "" : line.sha256(), "css", "hash"));
            }
            context.setVariable("file", file);
            List<Map<String, String>> own = new ArrayList<>();
            for (FindingLine finding : byUnit.get(code)) {
                own.add(Map.of("mark", finding.severity().equals("error") ? "【错误】" : "【提示】", "message",
                        finding.message()));
            }
            context.setVariable("findings", own);
            context.setVariable("deadline", deadline);
            context.setVariable("sender", sender);
            context.setVariable("date", date);
            try (Writer out = Files.newBufferedWriter(folder.resolve(code + ".html"), StandardCharsets.UTF_8)) {
                ENGINE.process("letter", context, out);
            }
            letters++;
        }
        return letters;
    }

    /** When the file was last written, which for a file dropped into the folder is when it arrived. */
    private static String receivedAt(Path file) {
        try {
            return LocalDateTime.ofInstant(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant(),
                    ZoneId.systemDefault()).format(TIME);
        } catch (IOException e) {
            return "（文件已不在报送文件夹中）";
        }
    }
}

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
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import cn.zwgk.consolidator.output.FindingLine;
import cn.zwgk.consolidator.output.StatusLine;

/**
 * {@code feedback/<code>.html}: a one-page letter to each registry unit whose submission is
 * rejected, missing or accepted with warnings, saying what was received, what is wrong in the
 * official words, what to do and by when. A clean unit gets none; an unknown file names no unit.
 * Thymeleaf writes them, so every text from a unit's file or the registry is escaped.
 */
public final class FeedbackLetters {

    public static final String FOLDER = "feedback";

    private static final TemplateEngine ENGINE = engine();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private FeedbackLetters() {
    }

    private static TemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("publishing/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** Whether a line of the status list gets a letter. */
    public static boolean needsLetter(StatusLine line) {
        return switch (line.status()) {
            case "rejected", "missing" -> true;
            case "accepted" -> line.warnings() > 0;
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
        int letters = 0;
        for (StatusLine line : status) {
            if (!needsLetter(line)) {
                continue;
            }
            Context context = new Context();
            context.setVariable("title", year + "年度政府信息公开工作年度报告统计表报送情况反馈");
            context.setVariable("year", year);
            context.setVariable("format", format);
            context.setVariable("code", line.code());
            context.setVariable("name", line.name());
            context.setVariable("status", line.status());
            context.setVariable("errors", line.errors());
            context.setVariable("warnings", line.warnings());
            boolean received = line.file() != null && !line.file().isEmpty();
            context.setVariable("file", received ? line.file() : null);
            context.setVariable("sha256", line.sha256());
            context.setVariable("received", received ? receivedAt(publication.submissions().resolve(line.file())) : null);
            context.setVariable("findings", byUnit.get(line.code()));
            context.setVariable("asOf", asOf.format(DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")));
            context.setVariable("deadline", publication.deadline() == null ? null : publication.deadline().format(DAY));
            context.setVariable("sender", sender);
            context.setVariable("date", asOf.toLocalDate().format(DAY));
            try (Writer out = Files.newBufferedWriter(folder.resolve(line.code() + ".html"), StandardCharsets.UTF_8)) {
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

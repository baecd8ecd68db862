package cn.zwgk.consolidator.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.unbescape.html.HtmlEscape;

import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TableDef;

/**
 * report.html: the summary paragraph, the consolidated tables in the official layout, the status
 * of every unit and the findings by unit, in one file that needs no network and prints on A4.
 * Thymeleaf writes it, so every text from units and the registry is escaped.
 */
public final class HtmlReport {

    private static final TemplateEngine ENGINE = engine("report/");

    private HtmlReport() {
    }

    /**
     * A Thymeleaf engine for the HTML templates under a classpath folder, in HTML mode, so that
     * every text it writes is escaped; the report and the letters to units are written alike.
     */
    public static TemplateEngine engine(String folder) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(folder);
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** What the report is about: the job, and whether every unit is in. */
    public record Run(String jobName, int year, List<StatusLine> status, List<FindingLine> findings) {

        List<StatusLine> withStatus(SubmissionStatus status) {
            return this.status.stream().filter(line -> line.status() == status).toList();
        }
    }

    public static void write(Path file, ReportValues totals, Run run) throws IOException {
        write(file, totals, run, List.of());
    }

    /** With charts after the opening paragraph, each drawn as inline SVG with its numbers in text. */
    public static void write(Path file, ReportValues totals, Run run, List<Chart> charts) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out, totals, run, charts);
        }
    }

    private static void write(Writer out, ReportValues totals, Run run, List<Chart> charts) {
        Context context = new Context();
        context.setVariable("charts", charts);
        context.setVariable("title", run.year() + " 年度政府信息公开工作年度报告 统计表汇总（" + run.jobName() + "）");
        context.setVariable("templateTitle", totals.template().title());
        context.setVariable("paragraph", totals.template().paragraph() == null ? null
                : totals.template().paragraph().writeFor(totals));
        context.setVariable("missing", run.withStatus(SubmissionStatus.MISSING));
        context.setVariable("rejected", run.withStatus(SubmissionStatus.REJECTED));
        context.setVariable("unknown", run.withStatus(SubmissionStatus.UNKNOWN));
        List<TableGrid> grids = new ArrayList<>();
        for (TableDef table : totals.template().tables()) {
            grids.addAll(TableGrid.of(table, totals));
        }
        context.setVariable("grids", grids);
        context.setVariable("board", board(run.status()));
        Map<String, List<FindingLine>> byUnit = new LinkedHashMap<>();
        for (FindingLine finding : run.findings()) {
            byUnit.computeIfAbsent(finding.unit(), unit -> new ArrayList<>()).add(finding);
        }
        Map<String, String> names = new LinkedHashMap<>();
        run.status().forEach(line -> names.put(line.code(), line.name()));
        context.setVariable("findingsByUnit", byUnit);
        context.setVariable("names", names);
        ENGINE.process("report", context, out);
    }

    /**
     * The status board's rows as the template's loop wrote them, escaped by the same function
     * Thymeleaf's th:text uses: a province has 20,000 lines, which the template engine took over a
     * second to write and this takes a few milliseconds (HtmlReportTest holds the two equal).
     */
    static String board(List<StatusLine> status) {
        StringBuilder rows = new StringBuilder(status.size() * 256);
        for (StatusLine line : status) {
            if (!rows.isEmpty()) {
                rows.append("\n    ");
            }
            rows.append("<tr class=\"").append(HtmlEscape.escapeHtml4Xml("status-" + line.status().code())).append("\">");
            cell(rows, "<td>", line.code());
            cell(rows, "<td>", line.name());
            cell(rows, "<td>", line.group());
            cell(rows, "<td>", line.status().word());
            cell(rows, "<td class=\"num\">", Long.toString(line.errors()));
            cell(rows, "<td class=\"num\">", Long.toString(line.warnings()));
            cell(rows, "<td>", line.file());
            rows.append("\n    </tr>");
        }
        return rows.toString();
    }

    private static void cell(StringBuilder rows, String open, String text) {
        rows.append("\n      ").append(open);
        if (text != null) {
            rows.append(HtmlEscape.escapeHtml4Xml(text));
        }
        rows.append("</td>");
    }
}

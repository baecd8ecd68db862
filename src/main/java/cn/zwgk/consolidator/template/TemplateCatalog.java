package cn.zwgk.consolidator.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Finds report templates: the bundled ones by id ({@code gov-2019}, {@code gov-2021}), or an
 * office's own format from a {@code .yml} file of the same shape.
 */
public final class TemplateCatalog {

    private static final Map<String, ReportTemplate> BUNDLED = new ConcurrentHashMap<>();

    private TemplateCatalog() {
    }

    /** The names that {@link #load(String)} accepts without a file. */
    public static List<String> bundledIds() {
        return List.of("gov-2019", "gov-2021");
    }

    /**
     * @throws UnknownTemplateException when the name is neither a bundled template nor a readable file
     */
    public static ReportTemplate load(String nameOrFile) {
        if (bundledIds().contains(nameOrFile)) {
            return BUNDLED.computeIfAbsent(nameOrFile, TemplateCatalog::loadBundled);
        }
        Path file = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".yml") && Files.isRegularFile(file)) {
            try {
                // the bundled templates are some 12 KB: a file many times that is another file
                if (Files.size(file) > 4L * 1024 * 1024) {
                    throw new UnknownTemplateException("模板文件 " + nameOrFile + " 超过 4 MiB，不是报表模板");
                }
                return parse(Files.readString(file, StandardCharsets.UTF_8), nameOrFile);
            } catch (UnknownTemplateException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new UnknownTemplateException("模板文件 " + nameOrFile + " 无法读取：" + e.getMessage());
            }
        }
        throw new UnknownTemplateException("未知的报表模板 “" + nameOrFile + "”，可用：" + String.join("、", bundledIds())
                + "，或一个 .yml 模板文件");
    }

    private static ReportTemplate loadBundled(String id) {
        String resource = "/templates/" + id + ".yml";
        try (InputStream in = TemplateCatalog.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, resource);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    @SuppressWarnings("unchecked")
    static ReportTemplate parse(String yaml, String source) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        List<TableDef> tables = new ArrayList<>();
        for (Map<String, Object> table : (List<Map<String, Object>>) root.get("tables")) {
            List<ColumnDef> tableColumns = columns((List<Map<String, Object>>) table.get("columns"));
            List<RowDef> rows = new ArrayList<>();
            for (Map<String, Object> row : (List<Map<String, Object>>) table.get("rows")) {
                List<ColumnDef> rowColumns = row.containsKey("columns")
                        ? columns((List<Map<String, Object>>) row.get("columns")) : tableColumns;
                if (rowColumns == null || rowColumns.isEmpty()) {
                    throw new IllegalArgumentException(source + ": row " + row.get("code") + " has no columns");
                }
                String label = text(row, "label");
                String ref = row.containsKey("ref") ? text(row, "ref") : label;
                rows.add(new RowDef(text(row, "code"), label, optionalText(row, "part"), optionalText(row, "section"),
                        ref, rowColumns));
            }
            tables.add(new TableDef(text(table, "code"), text(table, "name"), text(table, "title"),
                    optionalText(table, "note"), String.valueOf(table.getOrDefault("layout", "matrix")),
                    optionalText(table, "columns-heading"), rows));
        }
        List<RuleDef> rules = new ArrayList<>();
        for (Map<String, Object> rule : (List<Map<String, Object>>) root.getOrDefault("rules", List.of())) {
            rules.add(rule(rule));
        }
        ReportTemplate template = new ReportTemplate(text(root, "id"), text(root, "title"), tables, rules,
                Sha256.hex(yaml));
        rules.forEach(rule -> checkTerms(template, rule, source));
        template.setSummary(summary(template, (List<Map<String, Object>>) root.getOrDefault("summary", List.of()),
                source));
        template.setParagraph(paragraph(template, (Map<String, Object>) root.get("paragraph"), source));
        return template;
    }

    @SuppressWarnings("unchecked")
    private static Paragraph paragraph(ReportTemplate template, Map<String, Object> paragraph, String source) {
        if (paragraph == null) {
            return null;
        }
        Map<String, List<Integer>> sums = new java.util.LinkedHashMap<>();
        ((Map<String, List<Object>>) paragraph.get("sums")).forEach((name, cells) ->
                sums.put(name, cells.stream().map(cell -> cellIndex(template, String.valueOf(cell), source)).toList()));
        return new Paragraph(text(paragraph, "text").replaceAll("\\s*\\n\\s*", ""), sums);
    }

    private static int cellIndex(ReportTemplate template, String cell, String source) {
        String[] codes = cell.split(",");
        int index = codes.length == 3 ? template.indexOf(codes[0], codes[1], codes[2]) : -1;
        if (index < 0) {
            throw new IllegalArgumentException(source + ": unknown cell " + cell);
        }
        return index;
    }

    @SuppressWarnings("unchecked")
    private static List<SummaryItem> summary(ReportTemplate template, List<Map<String, Object>> items, String source) {
        List<SummaryItem> summary = new ArrayList<>();
        for (Map<String, Object> item : items) {
            List<Integer> cells = new ArrayList<>();
            for (Object cell : (List<Object>) item.get("cells")) {
                cells.add(cellIndex(template, String.valueOf(cell), source));
            }
            summary.add(new SummaryItem(text(item, "label"), text(item, "unit"), cells));
        }
        return summary;
    }

    private static List<ColumnDef> columns(List<Map<String, Object>> list) {
        if (list == null) {
            return null;
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (Map<String, Object> column : list) {
            columns.add(new ColumnDef(text(column, "code"), text(column, "label"), optionalText(column, "group"),
                    CellType.fromCode(text(column, "type"))));
        }
        return List.copyOf(columns);
    }

    @SuppressWarnings("unchecked")
    private static RuleDef rule(Map<String, Object> rule) {
        String kind = (String) rule.getOrDefault("kind", "linear");
        Severity severity = Severity.fromCode(text(rule, "severity"));
        if (kind.equals("identical-to-previous")) {
            return new RuleDef(text(rule, "code"), severity, RuleDef.Kind.IDENTICAL_TO_PREVIOUS, null, null,
                    List.of(), List.of(), List.of(), null, null, false);
        }
        if (!kind.equals("linear")) {
            throw new IllegalArgumentException("rule " + rule.get("code") + ": unknown kind " + kind);
        }
        return new RuleDef(text(rule, "code"), severity, RuleDef.Kind.LINEAR, text(rule, "table"),
                RuleDef.ForEach.valueOf(text(rule, "for-each").toUpperCase()),
                ((List<Object>) rule.getOrDefault("only", List.of())).stream().map(String::valueOf).toList(),
                terms(rule.get("total")), terms(rule.get("parts")),
                text(rule, "total-label"), text(rule, "parts-label"),
                "equality".equals(rule.get("phrasing")));
    }

    @SuppressWarnings("unchecked")
    private static List<RuleDef.Term> terms(Object list) {
        return ((List<Object>) list).stream().map(String::valueOf).map(RuleDef.Term::parse).toList();
    }

    /** A rule naming a row or column its table lacks is a mistake in the template file: refuse it early. */
    private static void checkTerms(ReportTemplate template, RuleDef rule, String source) {
        if (rule.kind() != RuleDef.Kind.LINEAR) {
            return;
        }
        TableDef table = template.table(rule.table());
        if (table == null) {
            throw new IllegalArgumentException(source + ": rule " + rule.code() + " names unknown table " + rule.table());
        }
        List<RuleDef.Term> terms = new ArrayList<>(rule.total());
        terms.addAll(rule.parts());
        for (RuleDef.Term term : terms) {
            boolean known = rule.forEach() == RuleDef.ForEach.COLUMN
                    ? table.row(term.code()) != null
                    : table.rows().stream().anyMatch(row -> row.column(term.code()) != null);
            if (!known) {
                throw new IllegalArgumentException(source + ": rule " + rule.code() + " names unknown "
                        + (rule.forEach() == RuleDef.ForEach.COLUMN ? "row " : "column ") + term.code());
            }
        }
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + key + "' in " + map);
        }
        return String.valueOf(value);
    }

    private static String optionalText(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : String.valueOf(value);
    }
}

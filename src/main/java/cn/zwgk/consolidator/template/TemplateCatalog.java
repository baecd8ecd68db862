package cn.zwgk.consolidator.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import cn.zwgk.consolidator.common.Severity;
import cn.zwgk.consolidator.common.Sha256;

/**
 * Finds report templates: the bundled ones by id ({@code gov-2019}, {@code gov-2021}), or an
 * office's own format from a {@code .yml} file of the same shape.
 */
public final class TemplateCatalog {

    private static final Map<String, ReportTemplate> BUNDLED = new ConcurrentHashMap<>();

    /** A template is a few hundred lines: anything much bigger is the wrong file. */
    private static final long MAX_TEMPLATE_BYTES = 1024 * 1024;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private TemplateCatalog() {
    }

    /** The names that {@link #load(String)} accepts without a file. */
    public static List<String> bundledIds() {
        return List.of("gov-2019", "gov-2021");
    }

    /** Whether {@code template:} names a template file of the office's own rather than a bundled one. */
    public static boolean namesFile(String nameOrFile) {
        return !bundledIds().contains(nameOrFile) && (nameOrFile.endsWith(".yml") || nameOrFile.endsWith(".yaml"));
    }

    /**
     * @throws UnknownTemplateException when the name is neither a bundled template nor a readable
     *         file, or the file is no consistent template; the message is one line
     */
    public static ReportTemplate load(String nameOrFile) {
        if (bundledIds().contains(nameOrFile)) {
            return BUNDLED.computeIfAbsent(nameOrFile, TemplateCatalog::loadBundled);
        }
        if (!namesFile(nameOrFile)) {
            throw new UnknownTemplateException("未知的报表模板 “" + shown(nameOrFile) + "”，可用："
                    + String.join("、", bundledIds()) + "，或一个 .yml 模板文件");
        }
        String where = "模板文件 " + shown(nameOrFile);
        Path file;
        try {
            file = Path.of(nameOrFile);
        } catch (InvalidPathException e) {
            throw new UnknownTemplateException(where + " 不是有效的路径（" + e.getReason() + "）");
        }
        if (!Files.exists(file)) {
            throw new UnknownTemplateException(where + " 不存在");
        }
        if (!Files.isRegularFile(file)) {
            throw new UnknownTemplateException(where + " 不是文件");
        }
        String yaml;
        try {
            if (Files.size(file) > MAX_TEMPLATE_BYTES) {
                throw new UnknownTemplateException(where + " 超过 1 MiB，不像模板文件");
            }
            yaml = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new UnknownTemplateException(where + " 不是 UTF-8 文本");
        } catch (IOException e) {
            throw new UnknownTemplateException(where + " 无法读取（"
                    + (e instanceof java.nio.file.AccessDeniedException ? "没有权限" : "读取出错") + "）");
        }
        return parse(yaml, where);
    }

    private static ReportTemplate loadBundled(String id) {
        return parse(bundledText(id), "模板 " + id);
    }

    private static String bundledText(String id) {
        String resource = "/templates/" + id + ".yml";
        try (InputStream in = TemplateCatalog.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** What identifies a template in the input fingerprint: its {@code id} and {@code digest}. */
    public record Identity(String id, String digest) {
    }

    /**
     * The identity of a bundled template without reading it as a template (a fifth of an
     * up-to-date rerun's time): a bundled template's id is its name, and it is valid, since the
     * build tests it. Null for a template file, whose id is in its text and which may be wrong.
     */
    public static Identity bundledIdentity(String nameOrFile) {
        if (!bundledIds().contains(nameOrFile)) {
            return null;
        }
        return new Identity(nameOrFile, Sha256.hex(bundledText(nameOrFile)));
    }

    /** A mistake in a template file, said in one line; {@link #parse} adds which file. */
    private static final class Problem extends RuntimeException {

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads a template and checks that it is whole and consistent: everything a later step relies
     * on (a layout, a row, a cell a rule or the report names) is refused here, not at publish.
     *
     * @param where the template as messages name it
     * @throws UnknownTemplateException with a one-line reason
     */
    static ReportTemplate parse(String yaml, String where) {
        try {
            return read(yaml);
        } catch (Problem e) {
            throw new UnknownTemplateException(where + "：" + e.getMessage());
        } catch (DuplicateKeyException e) {
            throw new UnknownTemplateException(where + "：第 " + (e.getProblemMark().getLine() + 1) + " 行的 "
                    + oneLine(e.getProblem()).replace("found duplicate key ", "") + " 重复出现，每项只能写一次");
        } catch (MarkedYAMLException e) {
            throw new UnknownTemplateException(where + " 不是有效的 YAML：" + oneLine(e.getProblem())
                    + (e.getProblemMark() == null ? "" : "（第 " + (e.getProblemMark().getLine() + 1) + " 行）"));
        } catch (YAMLException e) {
            throw new UnknownTemplateException(where + " 不是有效的 YAML：" + oneLine(e.getMessage()));
        }
    }

    private static ReportTemplate read(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Map<String, Object> root = map(new Yaml(new SafeConstructor(options)).load(yaml), "模板");
        allowed(root, "模板", "id", "title", "tables", "rules", "summary", "paragraph");
        List<Object> tableList = list(root, "tables", "模板", true);
        if (tableList.isEmpty()) {
            throw new Problem("tables 是空的，至少要有一张表");
        }
        List<TableDef> tables = new ArrayList<>();
        Set<String> tableCodes = new HashSet<>();
        for (Object tableItem : tableList) {
            tables.add(table(map(tableItem, "tables 的一项"), tableCodes));
        }
        String id = text(root, "id", "模板");
        ReportTemplate template = new ReportTemplate(id, text(root, "title", "模板"), tables,
                rules(root), Sha256.hex(yaml));
        template.rules().forEach(rule -> checkRule(template, rule));
        template.setSummary(summary(template, list(root, "summary", "模板", false)));
        template.setParagraph(paragraph(template, root.get("paragraph")));
        return template;
    }

    private static TableDef table(Map<String, Object> table, Set<String> tableCodes) {
        String code = text(table, "code", "表");
        String where = "表 " + code;
        if (!tableCodes.add(code)) {
            throw new Problem("表代码 " + code + " 出现了两次");
        }
        allowed(table, where, "code", "name", "title", "note", "layout", "columns-heading", "columns", "rows");
        String layoutCode = table.containsKey("layout") ? text(table, "layout", where) : "matrix";
        TableLayout layout = TableLayout.fromCode(layoutCode);
        if (layout == null) {
            throw new Problem(where + " 的 layout “" + layoutCode + "” 无效，应为 "
                    + String.join("、", Arrays.stream(TableLayout.values()).map(TableLayout::code).toList()));
        }
        List<ColumnDef> tableColumns = table.containsKey("columns") ? columns(table.get("columns"), where) : null;
        List<Object> rowList = list(table, "rows", where, true);
        if (rowList.isEmpty()) {
            throw new Problem(where + " 没有行（rows 是空的）");
        }
        List<RowDef> rows = new ArrayList<>();
        Set<String> rowCodes = new HashSet<>();
        for (Object rowItem : rowList) {
            Map<String, Object> row = map(rowItem, where + " 的一行");
            String rowCode = text(row, "code", where + " 的一行");
            String rowWhere = where + " 行 " + rowCode;
            if (!rowCodes.add(rowCode)) {
                throw new Problem(where + " 的行代码 " + rowCode + " 出现了两次");
            }
            allowed(row, rowWhere, "code", "label", "part", "section", "ref", "columns");
            List<ColumnDef> rowColumns = row.containsKey("columns") ? columns(row.get("columns"), rowWhere)
                    : tableColumns;
            if (rowColumns == null) {
                throw new Problem(rowWhere + " 没有列：表和行都没有 columns");
            }
            String label = text(row, "label", rowWhere);
            String ref = row.containsKey("ref") ? text(row, "ref", rowWhere) : label;
            rows.add(new RowDef(rowCode, label, optionalText(row, "part", rowWhere),
                    optionalText(row, "section", rowWhere), ref, rowColumns));
        }
        if (layout != TableLayout.SECTIONS) {
            // one header of columns over every row: the rows must have the same columns
            List<String> first = rows.get(0).columns().stream().map(ColumnDef::code).toList();
            for (RowDef row : rows) {
                if (!row.columns().stream().map(ColumnDef::code).toList().equals(first)) {
                    throw new Problem(where + " 的 layout 为 " + layout.code() + "，各行的列应相同，但行 " + row.code()
                            + " 的列与行 " + rows.get(0).code() + " 不同（各行列不同请用 layout: sections）");
                }
            }
        }
        return new TableDef(code, text(table, "name", where), text(table, "title", where),
                optionalText(table, "note", where), layout, optionalText(table, "columns-heading", where), rows);
    }

    private static List<ColumnDef> columns(Object list, String where) {
        if (!(list instanceof List<?> items)) {
            throw new Problem(where + " 的 columns 应为列表");
        }
        if (items.isEmpty()) {
            throw new Problem(where + " 的 columns 是空的");
        }
        List<ColumnDef> columns = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (Object item : items) {
            Map<String, Object> column = map(item, where + " 的一列");
            String code = text(column, "code", where + " 的一列");
            String columnWhere = where + " 列 " + code;
            if (!codes.add(code)) {
                throw new Problem(where + " 的列代码 " + code + " 出现了两次");
            }
            allowed(column, columnWhere, "code", "label", "group", "type");
            String type = text(column, "type", columnWhere);
            CellType cellType = Arrays.stream(CellType.values()).filter(t -> t.code().equals(type)).findFirst()
                    .orElseThrow(() -> new Problem(columnWhere + " 的 type “" + type + "” 无效，应为 "
                            + String.join("、", Arrays.stream(CellType.values()).map(CellType::code).toList())));
            columns.add(new ColumnDef(code, text(column, "label", columnWhere),
                    optionalText(column, "group", columnWhere), cellType));
        }
        return List.copyOf(columns);
    }

    private static List<RuleDef> rules(Map<String, Object> root) {
        List<RuleDef> rules = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (Object item : list(root, "rules", "模板", false)) {
            Map<String, Object> rule = map(item, "rules 的一项");
            String code = text(rule, "code", "rules 的一项");
            if (!codes.add(code)) {
                throw new Problem("规则代码 " + code + " 出现了两次");
            }
            rules.add(rule(rule, "规则 " + code));
        }
        return rules;
    }

    private static RuleDef rule(Map<String, Object> rule, String where) {
        allowed(rule, where, "code", "severity", "kind", "table", "for-each", "only", "total", "parts",
                "total-label", "parts-label", "phrasing");
        String kind = rule.containsKey("kind") ? text(rule, "kind", where) : "linear";
        String severityCode = text(rule, "severity", where);
        Severity severity = Arrays.stream(Severity.values()).filter(s -> s.code().equals(severityCode)).findFirst()
                .orElseThrow(() -> new Problem(where + " 的 severity “" + severityCode + "” 无效，应为 error 或 warning"));
        if (kind.equals("identical-to-previous")) {
            return new RuleDef(text(rule, "code", where), severity, RuleDef.Kind.IDENTICAL_TO_PREVIOUS, null, null,
                    List.of(), List.of(), List.of(), null, null, false);
        }
        if (!kind.equals("linear")) {
            throw new Problem(where + " 的 kind “" + kind + "” 无效，应为 linear 或 identical-to-previous");
        }
        String forEachCode = text(rule, "for-each", where);
        RuleDef.ForEach forEach = switch (forEachCode) {
            case "column" -> RuleDef.ForEach.COLUMN;
            case "row" -> RuleDef.ForEach.ROW;
            default -> throw new Problem(where + " 的 for-each “" + forEachCode + "” 无效，应为 column 或 row");
        };
        List<String> only = list(rule, "only", where, false).stream().map(String::valueOf).toList();
        if (!only.isEmpty() && forEach != RuleDef.ForEach.ROW) {
            throw new Problem(where + " 的 only 只用于 for-each: row");
        }
        String phrasing = optionalText(rule, "phrasing", where);
        if (phrasing != null && !phrasing.equals("equality")) {
            throw new Problem(where + " 的 phrasing “" + phrasing + "” 无效，只能是 equality 或不写");
        }
        return new RuleDef(text(rule, "code", where), severity, RuleDef.Kind.LINEAR, text(rule, "table", where),
                forEach, only, terms(rule, "total", where), terms(rule, "parts", where),
                text(rule, "total-label", where), text(rule, "parts-label", where), phrasing != null);
    }

    private static List<RuleDef.Term> terms(Map<String, Object> rule, String key, String where) {
        List<Object> list = list(rule, key, where, true);
        if (list.isEmpty()) {
            throw new Problem(where + " 的 " + key + " 是空的");
        }
        return list.stream().map(String::valueOf).map(RuleDef.Term::parse).toList();
    }

    /** A rule naming a table, row or column that does not exist, or that applies nowhere, is refused. */
    private static void checkRule(ReportTemplate template, RuleDef rule) {
        if (rule.kind() != RuleDef.Kind.LINEAR) {
            return;
        }
        String where = "规则 " + rule.code();
        TableDef table = template.table(rule.table());
        if (table == null) {
            throw new Problem(where + " 的 table “" + rule.table() + "” 不存在 (unknown table " + rule.table() + ")");
        }
        List<RuleDef.Term> terms = new ArrayList<>(rule.total());
        terms.addAll(rule.parts());
        boolean byColumn = rule.forEach() == RuleDef.ForEach.COLUMN;
        for (RuleDef.Term term : terms) {
            boolean known = byColumn ? table.row(term.code()) != null
                    : table.rows().stream().anyMatch(row -> row.column(term.code()) != null);
            if (!known) {
                throw new Problem(where + " 所说的" + (byColumn ? "行 " : "列 ") + term.code() + " 在" + table.name()
                        + "中不存在 (unknown " + (byColumn ? "row " : "column ") + term.code() + ")");
            }
        }
        for (String row : rule.only()) {
            if (table.row(row) == null) {
                throw new Problem(where + " 的 only 所说的行 " + row + " 在" + table.name() + "中不存在 (unknown row " + row
                        + ")");
            }
        }
        boolean appliesSomewhere = byColumn
                ? table.row(rule.total().get(0).code()).columns().stream().anyMatch(column -> terms.stream()
                        .allMatch(term -> table.row(term.code()).column(column.code()) != null))
                : table.rows().stream().filter(row -> rule.only().isEmpty() || rule.only().contains(row.code()))
                        .anyMatch(row -> terms.stream().allMatch(term -> row.column(term.code()) != null));
        if (!appliesSomewhere) {
            throw new Problem(where + " 在" + table.name() + "中没有一" + (byColumn ? "列" : "行")
                    + "同时有它所说的各项，永远不会检查");
        }
    }

    private static Paragraph paragraph(ReportTemplate template, Object item) {
        if (item == null) {
            return null;
        }
        Map<String, Object> paragraph = map(item, "paragraph");
        allowed(paragraph, "paragraph", "text", "sums");
        String text = text(paragraph, "text", "paragraph").replaceAll("\\s*\\n\\s*", "");
        Map<String, List<Integer>> sums = new LinkedHashMap<>();
        map(paragraph.get("sums"), "paragraph 的 sums").forEach((name, cells) -> {
            if (!(cells instanceof List<?> list) || list.isEmpty()) {
                throw new Problem("paragraph 的 sums 中 " + name + " 应为非空的单元格列表");
            }
            sums.put(name, list.stream().map(cell -> cellIndex(template, String.valueOf(cell),
                    "paragraph 的 sums 中 " + name)).toList());
        });
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (!sums.containsKey(placeholder.group(1))) {
                throw new Problem("paragraph 的 text 中的 {" + placeholder.group(1) + "} 在 sums 中没有定义");
            }
        }
        return new Paragraph(text, sums);
    }

    private static int cellIndex(ReportTemplate template, String cell, String where) {
        String[] codes = cell.split(",");
        int index = codes.length == 3 ? template.indexOf(codes[0].strip(), codes[1].strip(), codes[2].strip()) : -1;
        if (index < 0) {
            throw new Problem(where + " 所说的单元格 “" + cell + "” 不存在，应写作 “表,行,列”，如 “3,1,total” (unknown cell "
                    + cell + ")");
        }
        return index;
    }

    private static List<SummaryItem> summary(ReportTemplate template, List<Object> items) {
        List<SummaryItem> summary = new ArrayList<>();
        for (Object entry : items) {
            Map<String, Object> item = map(entry, "summary 的一项");
            String where = "summary 的一项";
            allowed(item, where, "label", "unit", "cells");
            String label = text(item, "label", where);
            List<Object> cellList = list(item, "cells", "summary 的 " + label, true);
            if (cellList.isEmpty()) {
                throw new Problem("summary 的 " + label + " 的 cells 是空的");
            }
            List<Integer> cells = new ArrayList<>();
            for (Object cell : cellList) {
                cells.add(cellIndex(template, String.valueOf(cell), "summary 的 " + label));
            }
            summary.add(new SummaryItem(label, text(item, "unit", where), cells));
        }
        return summary;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new Problem(where + " 应为 “键: 值” 形式的映射");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new Problem(where + " 的键 " + key + " 应为文字");
            }
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> map, String key, String where, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw new Problem(where + " 缺少 " + key);
            }
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new Problem(where + " 的 " + key + " 应为列表");
        }
        return (List<Object>) value;
    }

    /** A misspelt key would otherwise be ignored, and what it meant to say lost. */
    private static void allowed(Map<String, Object> map, String where, String... keys) {
        List<String> known = List.of(keys);
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new Problem(where + " 中有未知的项 “" + key + "”，可用：" + String.join(", ", known));
            }
        }
    }

    private static String text(Map<String, Object> map, String key, String where) {
        String value = optionalText(map, key, where);
        if (value == null || value.isBlank()) {
            throw new Problem(where + " 缺少 " + key);
        }
        return value;
    }

    private static String optionalText(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new Problem(where + " 的 " + key + " 应为单个值，不能是" + (value instanceof List<?> ? "列表" : "映射"));
        }
        return value == null ? null : String.valueOf(value);
    }

    private static String oneLine(String text) {
        return text == null ? "" : String.join(" ", text.strip().lines().toList());
    }

    private static String shown(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}

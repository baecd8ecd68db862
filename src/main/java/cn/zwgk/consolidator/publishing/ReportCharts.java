package cn.zwgk.consolidator.publishing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import cn.zwgk.consolidator.common.SpreadsheetText;
import cn.zwgk.consolidator.output.Chart;
import cn.zwgk.consolidator.output.StatusLine;
import cn.zwgk.consolidator.template.Cell;
import cn.zwgk.consolidator.template.ColumnDef;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.RowDef;
import cn.zwgk.consolidator.template.SummaryItem;
import cn.zwgk.consolidator.template.TableDef;
import cn.zwgk.consolidator.template.TableLayout;

/** What report.html shows as charts: how applications were handled, who received them, and last year. */
public final class ReportCharts {

    /** The units shown by name in the chart by unit; the others are one bar. */
    static final int LARGEST_UNITS = 10;

    /** A result's label without the note in brackets: （二）部分公开（区分处理的……） is （二）部分公开. */
    private static final Pattern NOTE = Pattern.compile("^(（[一二三四五六七八九十]+）[^（]*).*$");

    private ReportCharts() {
    }

    /**
     * @param acceptedValues the run's accepted-values.csv
     * @param lastYear       last year's totals, or null when the job has no usable {@code previous:}
     */
    public static List<Chart> of(ReportValues totals, List<StatusLine> status, Path acceptedValues,
            ReportValues lastYear) throws IOException {
        return of(totals, status, unitFigures(totals.template(), acceptedValues), lastYear);
    }

    /**
     * @param unitFigures each accepted unit's first headline figure ({@link #unitFigures}), or null
     * @param lastYear    last year's totals, or null when the job has no usable {@code previous:}
     */
    static List<Chart> of(ReportValues totals, List<StatusLine> status, List<Map.Entry<String, BigDecimal>> unitFigures,
            ReportValues lastYear) {
        List<Chart> charts = new ArrayList<>();
        Chart results = results(totals);
        if (results != null) {
            charts.add(results);
        }
        Chart byUnit = byUnit(totals.template(), status, unitFigures);
        if (byUnit != null) {
            charts.add(byUnit);
        }
        Chart comparison = lastYear == null ? null : comparison(totals, lastYear);
        if (comparison != null) {
            charts.add(comparison);
        }
        return charts;
    }

    /**
     * The headline figures, this year and last; last year's totals are in last year's format, so each
     * cell is found there by its codes, and a figure last year's format cannot give is left out.
     */
    static Chart comparison(ReportValues totals, ReportValues lastYear) {
        List<Chart.Bar> bars = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (SummaryItem item : totals.template().summary()) {
            BigDecimal last = BigDecimal.ZERO;
            for (int index : item.cells()) {
                Cell cell = totals.template().cell(index);
                int there = lastYear.template().indexOf(cell.table().code(), cell.row().code(), cell.column().code());
                if (there < 0) {
                    last = null;
                    break;
                }
                last = last.add(lastYear.decimal(there));
            }
            if (last != null) {
                bars.add(new Chart.Bar(item.label(), item.unit(), List.of(item.valueIn(totals), last)));
                if (!units.contains(item.unit())) {
                    units.add(item.unit());
                }
            }
        }
        return bars.isEmpty() ? null : new Chart("本年与上年对比", String.join("、", units), List.of("本年", "上年"), bars);
    }

    /**
     * The results of the table whose rows stand under a heading ending in its total (三、本年度办理结果 …
     * （七）总计), in its total column: each result, its numbered kinds added up.
     */
    static Chart results(ReportValues totals) {
        for (TableDef table : totals.template().tables()) {
            List<RowDef> results = table.rows().stream().filter(row -> row.part() != null).toList();
            if (results.size() < 2 || table.layout() != TableLayout.MATRIX) {
                continue;
            }
            List<ColumnDef> columns = table.rows().get(0).columns();
            String total = columns.get(columns.size() - 1).code();
            Map<String, BigDecimal> sums = new LinkedHashMap<>();
            for (RowDef row : results.subList(0, results.size() - 1)) {
                String label = row.section() != null ? row.section() : row.label();
                String shortLabel = NOTE.matcher(label).replaceAll("$1");
                int index = totals.template().indexOf(table.code(), row.code(), total);
                sums.merge(shortLabel, totals.decimal(index), BigDecimal::add);
            }
            List<Chart.Bar> bars = new ArrayList<>();
            sums.forEach((label, value) -> bars.add(new Chart.Bar(label, "件", List.of(value))));
            return new Chart(results.get(0).part().replaceFirst("^[一二三四五六七八九十]+、", "") + "（" + table.name()
                    + "）", "件", List.of("件数"), bars);
        }
        return null;
    }

    /** The first headline figure (本年新收政府信息公开申请) by accepted unit: the largest by name, the rest together. */
    static Chart byUnit(ReportTemplate template, List<StatusLine> status, Path acceptedValues) throws IOException {
        return byUnit(template, status, unitFigures(template, acceptedValues));
    }

    /**
     * Each accepted unit's first headline figure, by unit code, in the order of accepted-values.csv;
     * null when the template has no headline figures or the file is not there. Apart from the chart,
     * so that it can be read on a worker while the step's thread does other things.
     */
    static List<Map.Entry<String, BigDecimal>> unitFigures(ReportTemplate template, Path acceptedValues)
            throws IOException {
        if (template.summary().isEmpty() || !Files.isRegularFile(acceptedValues)) {
            return null;
        }
        SummaryItem item = template.summary().get(0);
        List<Map.Entry<String, BigDecimal>> units = new ArrayList<>();
        int last = item.cells().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        try (InputStream in = Files.newInputStream(acceptedValues)) {
            LeadingFields lines = new LeadingFields(in, last + 1);
            lines.skipLine();
            String[] fields;
            while ((fields = lines.next()) != null) {
                BigDecimal sum = BigDecimal.ZERO;
                for (int cell : item.cells()) {
                    sum = sum.add(new BigDecimal(fields[cell + 1]));
                }
                units.add(Map.entry(SpreadsheetText.restore(fields[0]), sum));
            }
        }
        return units;
    }

    private static Chart byUnit(ReportTemplate template, List<StatusLine> status,
            List<Map.Entry<String, BigDecimal>> figures) {
        if (figures == null) {
            return null;
        }
        SummaryItem item = template.summary().get(0);
        Map<String, String> names = new HashMap<>();
        status.forEach(line -> names.put(line.code(), line.name()));
        List<Map.Entry<String, BigDecimal>> units = new ArrayList<>(figures);
        if (units.isEmpty()) {
            return null;
        }
        units.sort(Map.Entry.<String, BigDecimal>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())));
        List<Chart.Bar> bars = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> unit : units.subList(0, Math.min(LARGEST_UNITS, units.size()))) {
            String name = names.get(unit.getKey());
            bars.add(new Chart.Bar(name == null || name.isEmpty() ? unit.getKey() : name, item.unit(),
                    List.of(unit.getValue())));
        }
        if (units.size() > LARGEST_UNITS) {
            BigDecimal rest = BigDecimal.ZERO;
            for (Map.Entry<String, BigDecimal> unit : units.subList(LARGEST_UNITS, units.size())) {
                rest = rest.add(unit.getValue());
            }
            bars.add(new Chart.Bar("其他 " + (units.size() - LARGEST_UNITS) + " 个单位", item.unit(), List.of(rest)));
        }
        return new Chart(item.label() + "（按单位）", item.unit(), List.of(item.label()), bars);
    }

    /**
     * The first fields of each line of accepted-values.csv, the rest of the line skipped as bytes:
     * the chart needs a few cells of each unit, and a province's file is 10 MB of 198 values a
     * line, which decoding and splitting whole took the better part of a second of publishing.
     */
    static final class LeadingFields {

        private final InputStream in;
        private final int wanted;
        private final byte[] buffer = new byte[1 << 16];
        private final ByteArrayOutputStream field = new ByteArrayOutputStream(32);
        private int position;
        private int limit;

        LeadingFields(InputStream in, int wanted) {
            this.in = in;
            this.wanted = wanted;
        }

        /** The next line's first {@code wanted} fields (fewer if the line has fewer), or null at the end. */
        String[] next() throws IOException {
            int c = read();
            if (c < 0) {
                return null;
            }
            List<String> fields = new ArrayList<>(wanted);
            field.reset();
            while (c >= 0 && c != '\n') {
                if (c == ',') {
                    fields.add(field.toString(StandardCharsets.UTF_8));
                    field.reset();
                    if (fields.size() == wanted) {
                        skipLine();
                        return fields.toArray(String[]::new);
                    }
                } else {
                    field.write(c);
                }
                c = read();
            }
            String lastField = field.toString(StandardCharsets.UTF_8);
            fields.add(lastField.endsWith("\r") ? lastField.substring(0, lastField.length() - 1) : lastField);
            return fields.toArray(String[]::new);
        }

        /** Skips to the start of the next line. */
        void skipLine() throws IOException {
            while (true) {
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        position = i + 1;
                        return;
                    }
                }
                position = limit;
                if (!fill()) {
                    return;
                }
            }
        }

        private int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        private boolean fill() throws IOException {
            int read = in.read(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        }
    }
}

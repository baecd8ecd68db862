package cn.zwgk.consolidator.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.zwgk.consolidator.output.Chart;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

class ReportChartsTest {

    /** The leading fields read as bytes are those of splitting each decoded line, for lines across many buffers. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theLeadingFieldsOfEachLineAreThoseOfSplittingIt(long seed) throws IOException {
        System.out.println("seed " + seed);
        Random random = new Random(seed);
        int wanted = 1 + random.nextInt(6);
        StringBuilder file = new StringBuilder();
        List<List<String>> expected = new ArrayList<>();
        for (int line = 0; line < 2000; line++) {
            int count = 1 + random.nextInt(random.nextInt(20) == 0 ? 5_000 : 12);
            List<String> fields = new ArrayList<>();
            for (int f = 0; f < count; f++) {
                fields.add(random.nextInt(9) == 0 ? "'-单位" + f : random.nextInt(5) == 0 ? "" : Long.toString(random.nextLong() % 100_000));
            }
            String text = String.join(",", fields);
            file.append(text).append(random.nextInt(7) == 0 ? "\r\n" : "\n");
            String[] split = text.split(",", wanted + 1);
            expected.add(List.of(split).subList(0, Math.min(wanted, split.length)));
        }

        ReportCharts.LeadingFields lines = new ReportCharts.LeadingFields(
                new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8)), wanted);
        List<List<String>> read = new ArrayList<>();
        for (String[] fields; (fields = lines.next()) != null;) {
            read.add(List.of(fields));
        }

        assertThat(read).isEqualTo(expected);
    }

    /** Each result of table 3 is one bar, its numbered kinds added up, whatever the format numbers them. */
    @ParameterizedTest
    @ValueSource(strings = {"gov-2019", "gov-2021"})
    void theResultsChartHasOneBarPerOfficialResult(String format) {
        ReportTemplate template = TemplateCatalog.load(format);
        ReportValues totals = new ReportValues(template);
        // every (六)其他处理 cell of the total column is 1: one row in gov-2019, three in gov-2021
        int others = 0;
        for (var row : template.table("3").rows()) {
            if (row.code().startsWith("3.6")) {
                totals.set(template.indexOf("3", row.code(), "total"), BigDecimal.ONE);
                others++;
            }
        }

        Chart chart = ReportCharts.results(totals);

        assertThat(chart.bars()).extracting(Chart.Bar::label).containsExactly("（一）予以公开", "（二）部分公开",
                "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理");
        assertThat(chart.lines()).endsWith("（六）其他处理：" + others + " 件");
        assertThat(chart.marks()).extracting(Chart.Mark::text).contains(Integer.toString(others));
    }

    /** Last year in gov-2019, this year in gov-2021: the headline cells are found by their codes. */
    @org.junit.jupiter.api.Test
    void theComparisonFindsLastYearsCellsInLastYearsFormat() {
        ReportTemplate lastFormat = TemplateCatalog.load("gov-2019");
        ReportTemplate thisFormat = TemplateCatalog.load("gov-2021");
        ReportValues lastYear = new ReportValues(lastFormat);
        ReportValues thisYear = new ReportValues(thisFormat);
        lastYear.set(lastFormat.indexOf("3", "1", "total"), BigDecimal.valueOf(250));
        thisYear.set(thisFormat.indexOf("3", "1", "total"), BigDecimal.valueOf(276));
        lastYear.set(lastFormat.indexOf("4", "review", "total"), BigDecimal.valueOf(30));
        thisYear.set(thisFormat.indexOf("4", "review", "total"), BigDecimal.valueOf(23));

        Chart chart = ReportCharts.comparison(thisYear, lastYear);

        assertThat(chart.lines()).contains("本年新收政府信息公开申请：本年 276 件，上年 250 件（增加 26 件）",
                "行政复议：本年 23 起，上年 30 起（减少 7 起）");
    }
}

package cn.zwgk.consolidator.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's opening paragraph: the template's sentence, with each {name} replaced by the sum
 * of the cells named for it, so that the paragraph's numbers are the tables' numbers.
 */
public record Paragraph(String text, Map<String, List<Integer>> sums) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    public String writeFor(ReportValues values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<Integer> cells = sums.get(m.group(1));
            if (cells == null) {
                throw new IllegalStateException("paragraph names no sum " + m.group(1));
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (int cell : cells) {
                sum = sum.add(values.decimal(cell));
            }
            m.appendReplacement(out, ReportValues.plain(sum));
        }
        m.appendTail(out);
        return out.toString();
    }
}

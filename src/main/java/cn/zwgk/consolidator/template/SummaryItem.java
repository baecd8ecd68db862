package cn.zwgk.consolidator.template;

import java.math.BigDecimal;
import java.util.List;

/** A headline total, such as the applications received: the sum of some cells, with its unit of count. */
public record SummaryItem(String label, String unit, List<Integer> cells) {

    public BigDecimal valueIn(ReportValues values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int cell : cells) {
            sum = sum.add(values.decimal(cell));
        }
        return sum;
    }
}

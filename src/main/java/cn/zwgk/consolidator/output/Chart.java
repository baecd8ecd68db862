package cn.zwgk.consolidator.output;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import cn.zwgk.consolidator.template.ReportValues;

/**
 * A horizontal bar chart of report.html: what to show is decided where the report is published,
 * how it is drawn (inline SVG, no script, readable in black and white) is decided here.
 *
 * @param unit   the units of count for the caption (件, or 件、起 when the bars mix them)
 * @param series the name of each value of a bar (本年, 上年), or one name when a bar has one value
 */
public record Chart(String title, String unit, List<String> series, List<Bar> bars) {

    /** @param unit the unit of count of this bar's numbers (件, 起), which a comparison may mix */
    public record Bar(String label, String unit, List<BigDecimal> values) {
    }

    private static final int WIDTH = 680;
    private static final int LABEL_WIDTH = 200;
    private static final int BAR_SPACE = 380;
    private static final int BAR_HEIGHT = 16;
    private static final int GAP = 8;
    private static final int LEGEND = 26;

    /** A shape or text of the drawing, in SVG user units; {@code kind} is the CSS class that styles it. */
    public record Mark(String kind, int x, int y, int width, int height, String text) {
    }

    /** The drawing: every bar as a rectangle with its number beside it, the bars' labels on the left. */
    public List<Mark> marks() {
        BigDecimal max = BigDecimal.ONE;
        for (Bar bar : bars) {
            for (BigDecimal value : bar.values()) {
                max = max.max(value);
            }
        }
        List<Mark> marks = new ArrayList<>();
        int y = 0;
        if (series.size() > 1) {
            int x = LABEL_WIDTH;
            for (int s = 0; s < series.size(); s++) {
                marks.add(new Mark("bar series-" + s, x, 4, 24, 12, null));
                marks.add(new Mark("legend", x + 30, 15, 0, 0, series.get(s)));
                x += 40 + 16 * series.get(s).length();
            }
            y = LEGEND;
        }
        for (Bar bar : bars) {
            int height = BAR_HEIGHT * bar.values().size();
            // the drawing has room for 14 characters; the full name is in lines()
            String label = bar.label().length() > 14 ? bar.label().substring(0, 13) + "…" : bar.label();
            marks.add(new Mark("label", LABEL_WIDTH - 8, y + height / 2 + 5, 0, 0, label));
            for (int s = 0; s < bar.values().size(); s++) {
                BigDecimal value = bar.values().get(s);
                int length = value.signum() <= 0 ? 0
                        : Math.max(1, value.multiply(BigDecimal.valueOf(BAR_SPACE)).divide(max, java.math.RoundingMode.HALF_UP)
                                .intValue());
                int top = y + s * BAR_HEIGHT;
                marks.add(new Mark("bar series-" + s, LABEL_WIDTH, top + 1, length, BAR_HEIGHT - 2, null));
                marks.add(new Mark("value", LABEL_WIDTH + length + 6, top + BAR_HEIGHT - 3, 0, 0,
                        ReportValues.plain(value)));
            }
            y += height + GAP;
        }
        return marks;
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        int height = series.size() > 1 ? LEGEND : 0;
        for (Bar bar : bars) {
            height += BAR_HEIGHT * bar.values().size() + GAP;
        }
        return height;
    }

    /** The chart's numbers as sentences, for readers who do not see the drawing and for copying. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Bar bar : bars) {
            StringBuilder line = new StringBuilder(bar.label()).append('：');
            if (bar.values().size() == 1) {
                line.append(ReportValues.plain(bar.values().get(0))).append(' ').append(bar.unit());
            } else {
                for (int s = 0; s < bar.values().size(); s++) {
                    line.append(s == 0 ? "" : "，").append(series.get(s)).append(' ')
                            .append(ReportValues.plain(bar.values().get(s))).append(' ').append(bar.unit());
                }
                if (bar.values().size() == 2) {
                    BigDecimal change = bar.values().get(0).subtract(bar.values().get(1));
                    line.append(change.signum() == 0 ? "（持平）"
                            : "（" + (change.signum() > 0 ? "增加 " : "减少 ") + ReportValues.plain(change.abs()) + " "
                                    + bar.unit() + "）");
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}

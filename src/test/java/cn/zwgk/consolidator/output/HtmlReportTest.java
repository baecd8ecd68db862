package cn.zwgk.consolidator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.thymeleaf.context.Context;

import cn.zwgk.consolidator.common.SubmissionStatus;

/** The status board of report.html is what the template's loop over the lines wrote, byte for byte. */
class HtmlReportTest {

    /** Texts a registry or a file name may hold: HTML's specials, quotes, line breaks, non-BMP, control characters. */
    private static final String[] TEXTS = {"第1号单位", "A&B <局> \"办\" '厅'", " 空格 ", "换行\n回车\r制表\t", "\u0001\u007f",
        "𠀀扩展B区", "&amp;", "", "=1+2", "unit-00001.csv"};

    @ParameterizedTest(name = "{0} lines, seed {1}")
    @CsvSource({"1, 1", "2, 2", "200, 3", "2000, 4"})
    void theBoardIsWhatTheTemplatesLoopWrote(int lines, long seed) {
        System.out.println("seed " + seed);
        Random random = new Random(seed);
        List<StatusLine> status = new ArrayList<>();
        SubmissionStatus[] kinds = SubmissionStatus.values();
        for (int i = 0; i < lines; i++) {
            status.add(new StatusLine(pick(random) + i, pick(random), random.nextInt(4) == 0 ? null : pick(random),
                    kinds[random.nextInt(kinds.length)], random.nextInt(3), random.nextInt(1000),
                    random.nextInt(4) == 0 ? null : pick(random), null));
        }

        assertThat(HtmlReport.board(status)).isEqualTo(throughTheTemplate(status));
    }

    private static String pick(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    /** The loop report.html had, over the lines as plain maps, between its {@code <tbody>} and {@code </tbody>}. */
    private static String throughTheTemplate(List<StatusLine> status) {
        List<Map<String, Object>> board = new ArrayList<>();
        for (StatusLine line : status) {
            Map<String, Object> row = new HashMap<>();
            row.put("css", "status-" + line.status().code());
            row.put("code", line.code());
            row.put("name", line.name());
            row.put("group", line.group());
            row.put("word", line.status().word());
            row.put("errors", line.errors());
            row.put("warnings", line.warnings());
            row.put("file", line.file());
            board.add(row);
        }
        Context context = new Context();
        context.setVariable("board", board);
        String html = HtmlReport.engine("report-reference/").process("board", context);
        return html.substring("<tbody>\n    ".length(), html.length() - "\n</tbody>\n".length());
    }
}

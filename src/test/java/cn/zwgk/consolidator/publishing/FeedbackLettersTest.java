package cn.zwgk.consolidator.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.output.FindingLine;
import cn.zwgk.consolidator.output.StatusLine;

class FeedbackLettersTest {

    @TempDir
    Path dir;

    private static final LocalDateTime RUN = LocalDateTime.of(2021, 1, 20, 2, 0);

    private static final List<StatusLine> STATUS = List.of(
            new StatusLine("clean", "干净的单位", "", SubmissionStatus.ACCEPTED, 0, 0, "clean.csv", "aa"),
            new StatusLine("warned", "有提示的单位", "", SubmissionStatus.ACCEPTED, 0, 1, "warned.csv", "bb"),
            new StatusLine("refused", "被退回的单位", "", SubmissionStatus.REJECTED, 1, 0, "refused.xlsx", "cc"),
            new StatusLine("absent", "未报送的单位", "", SubmissionStatus.MISSING, 1, 0, "", ""),
            new StatusLine("stray", "", "", SubmissionStatus.UNKNOWN, 1, 0, "stray.csv", "dd"));

    private static final List<FindingLine> FINDINGS = List.of(
            new FindingLine("warned", "warned.csv", "warning", "empty-value", "3", "1", "natural", "0", "", "提示甲", null),
            new FindingLine("refused", "refused.xlsx", "error", "balance", "3", "3.7+4", "total", "1", "2", "错误乙", null),
            new FindingLine("absent", "", "error", "missing", "", "", "", "", "", "未收到丙", null),
            new FindingLine("stray", "stray.csv", "error", "unknown", "", "", "", "", "", "无法识别丁", null));

    @Test
    void onlyRejectedMissingAndWarnedUnitsGetALetter() throws IOException {
        int written = FeedbackLetters.write(dir, 2020, "国办公开办函〔2019〕60号", new Publication(null, null, dir),
                STATUS, FINDINGS, RUN);

        assertThat(written).isEqualTo(3);
        try (Stream<Path> letters = Files.list(dir.resolve("feedback"))) {
            assertThat(letters.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("warned.html", "refused.html", "absent.html");
        }
        assertThat(read("refused")).contains("错误乙").doesNotContain("提示甲", "未收到丙", "无法识别丁");
    }

    @Test
    void withoutADeadlineOrAnIssuingBodyTheLetterNamesNoDateAndIsSignedByTheOffice() throws IOException {
        FeedbackLetters.write(dir, 2020, "国办公开办函〔2019〕60号", new Publication(null, null, dir), STATUS, FINDINGS,
                RUN);

        assertThat(read("absent")).doesNotContain("请于").contains("政务公开办公室").contains("2021年1月20日")
                .contains("absent.csv 或 absent.xlsx");
    }

    @Test
    void withADeadlineTheLetterSaysByWhen() throws IOException {
        FeedbackLetters.write(dir, 2020, "国办公开办函〔2019〕60号",
                new Publication("亳州市人民政府", LocalDate.of(2021, 1, 31), dir), STATUS, FINDINGS, RUN);

        assertThat(read("warned")).contains("请于2021年1月31日前完成。").contains("亳州市人民政府")
                .doesNotContain("政务公开办公室");
    }

    private String read(String code) throws IOException {
        return Files.readString(dir.resolve("feedback").resolve(code + ".html"), StandardCharsets.UTF_8);
    }
}

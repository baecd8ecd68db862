package cn.zwgk.consolidator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.common.SpreadsheetText;

class CsvOutputTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=HYPERLINK(\"http://x\")|'=HYPERLINK(\"http://x\")",
            "+cmd|'+cmd",
            "-cmd|'-cmd",
            "@SUM(A1)|'@SUM(A1)",
            "-72|-72",
            "-0.5|-0.5",
            "谯城区|谯城区",
            "a=b|a=b"})
    void spreadsheetFormulasAreNeutralisedButNumbersAreNot(String field, String written) {
        assertThat(SpreadsheetText.neutralise(field)).isEqualTo(written);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\tx", "\rx"})
    void tabAndCarriageReturnAtTheStartAreNeutralised(String field) {
        assertThat(SpreadsheetText.neutralise(field)).isEqualTo("'" + field);
    }

    @Test
    void statusIsWrittenWithABomAndEveryTextFieldNeutralised(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("status.csv");
        CsvOutput.writeStatus(file, List.of(new StatusLine("=evil", "=HYPERLINK(1)", null, SubmissionStatus.UNKNOWN, 1, 0,
                "=evil.csv", null)));

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFFcode,name,group,status,errors,warnings,file,sha256\n"
                + "'=evil,'=HYPERLINK(1),,unknown,1,0,'=evil.csv,\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-unit", "=SUM(A1)", "plain", "'quoted", "-72", "@x"})
    void whatIsNeutralisedIsRestoredAsItWas(String field) {
        assertThat(SpreadsheetText.restore(SpreadsheetText.neutralise(field))).isEqualTo(field);
    }
}

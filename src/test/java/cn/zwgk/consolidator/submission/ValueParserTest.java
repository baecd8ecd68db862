package cn.zwgk.consolidator.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.zwgk.consolidator.template.CellType;

class ValueParserTest {

    @ParameterizedTest(name = "count “{0}” is {1}")
    @CsvSource(delimiter = '|', value = {
            "265|265",
            "  265  |265",
            "\u3000265\u3000|265",
            "２６５|265",
            "+265|265",
            "2,620,291|2620291",
            "0|0",
            "265.00|265"})
    void countsAreReadAsPeopleWriteThem(String raw, long expected) {
        ValueParser.Result result = ValueParser.parse(raw, CellType.COUNT);

        assertThat(result.isOk()).isTrue();
        assertThat(result.value()).isEqualByComparingTo(BigDecimal.valueOf(expected));
    }

    @ParameterizedTest(name = "count “{0}” is {1}")
    @CsvSource(delimiter = '|', value = {
            "abc|NOT_A_NUMBER",
            "26 5|NOT_A_NUMBER",
            "2,62,0291|NOT_A_NUMBER",
            "265件|NOT_A_NUMBER",
            "1e3|NOT_A_NUMBER",
            "2.5|NOT_WHOLE",
            "-1|NEGATIVE",
            "1000000000000|OUT_OF_RANGE"})
    void countsThatMeanSomethingElseAreRefused(String raw, FileProblem problem) {
        assertThat(ValueParser.parse(raw, CellType.COUNT).problem()).isEqualTo(problem);
    }

    @ParameterizedTest(name = "amount “{0}” is {1}")
    @CsvSource(delimiter = '|', value = {
            "339371.821|339371.821",
            "339371.821万元|339371.821",
            "339371.821 万元|339371.821",
            "\"339,371.821\"|339371.821",
            "0.000001|0.000001"})
    void amountsAreIn10kYuan(String raw, String expected) {
        ValueParser.Result result = ValueParser.parse(raw.replace("\"", ""), CellType.AMOUNT);

        assertThat(result.isOk()).isTrue();
        assertThat(result.value()).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "amount “{0}” is {1}")
    @CsvSource(delimiter = '|', value = {
            "3393718210元|NOT_A_NUMBER",
            "33.9亿元|NOT_A_NUMBER",
            "-1.5|NEGATIVE",
            "0.0000001|OUT_OF_RANGE"})
    void amountsInAnotherUnitOrPrecisionAreRefused(String raw, FileProblem problem) {
        assertThat(ValueParser.parse(raw, CellType.AMOUNT).problem()).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-72|-72", "+428|428", "－72|-72"})
    void aChangeMayBeNegative(String raw, long expected) {
        assertThat(ValueParser.parse(raw, CellType.CHANGE).value()).isEqualByComparingTo(BigDecimal.valueOf(expected));
    }
}

package cn.zwgk.consolidator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.submission.SubmissionReader;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

/**
 * Random and mutated files fed to the reader and the rules: each is either refused with findings
 * or accepted with exactly the values of the file it was made from, and nothing ever throws.
 */
class FileMutationProperties {

    private static final ReportTemplate GOV_2019 = TemplateCatalog.load("gov-2019");
    private static final String ORIGINAL = SampleSubmission.gov2019().text();
    private static final ReportValues ORIGINAL_VALUES = new SubmissionReader(GOV_2019, false)
            .read(ORIGINAL.getBytes(StandardCharsets.UTF_8)).values();

    /** The reader and the rules together, as a run applies them: null when refused. */
    private static ReportValues acceptedValues(byte[] bytes) {
        SubmissionReader.Result read = new SubmissionReader(GOV_2019, false).read(bytes);
        if (read.findings().stream().anyMatch(Finding::isError)) {
            return null;
        }
        List<Finding> broken = new RuleChecks(GOV_2019).check(read.values(), null);
        return broken.stream().anyMatch(Finding::isError) ? null : read.values();
    }

    @Property(tries = 300)
    void randomBytesAreRefusedWithoutAnException(@ForAll @Size(max = 4096) byte[] bytes) {
        assertThat(acceptedValues(bytes)).isNull();
    }

    @Property(tries = 300)
    void randomTextIsRefusedWithoutAnException(@ForAll @Size(max = 2000) String text) {
        assertThat(acceptedValues(text.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    /**
     * Damage anywhere in the file: a refused file is fine, an accepted one must mean what the
     * original meant. (Changing one digit of 表二 makes another valid file, with no rule to tell;
     * digits, points and signs are therefore only damaged in 表三 and 表四, where every cell is
     * in a sum.)
     */
    @Property(tries = 1000)
    void damagedFilesAreRefusedOrMeanTheSame(@ForAll("damages") List<Damage> damages) {
        String text = ORIGINAL;
        for (Damage damage : damages) {
            text = damage.apply(text);
        }
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
            ReportValues values = acceptedValues(text.getBytes(charset));
            if (values != null) {
                assertThat(values.sameValues(ORIGINAL_VALUES)).as(text).isTrue();
            }
        }
    }

    /** Everything SPEC section 4 says means the same: always accepted, always the same values. */
    @Property(tries = 300)
    void harmlessChangesAreAcceptedWithTheSameValues(@ForAll("harmless") List<Harmless> changes,
            @ForAll("encodings") Charset charset) {
        List<String> lines = new ArrayList<>(ORIGINAL.lines().toList());
        for (Harmless change : changes) {
            change.apply(lines);
        }
        byte[] bytes = String.join("\r\n", lines).getBytes(charset);
        if (charset.name().startsWith("UTF-16")) {
            byte[] bom = charset.equals(StandardCharsets.UTF_16LE) ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : new byte[] {(byte) 0xFE, (byte) 0xFF};
            byte[] withBom = new byte[bytes.length + 2];
            System.arraycopy(bom, 0, withBom, 0, 2);
            System.arraycopy(bytes, 0, withBom, 2, bytes.length);
            bytes = withBom;
        }

        ReportValues values = acceptedValues(bytes);

        assertThat(values).as(String.join("\n", lines)).isNotNull();
        assertThat(values.sameValues(ORIGINAL_VALUES)).isTrue();
    }

    record Damage(String kind, double where, char character) {

        String apply(String text) {
            if (text.isEmpty()) {
                return text;
            }
            int at = (int) (where * text.length());
            boolean inSums = lineAt(text, at).startsWith("3,") || lineAt(text, at).startsWith("4,");
            return switch (kind) {
                case "insert" -> text.substring(0, at) + character + text.substring(at);
                case "delete" -> isValueCharacter(text.charAt(at)) && !inSums ? text
                        : text.substring(0, at) + text.substring(at + 1);
                case "replace" -> isValueCharacter(text.charAt(at)) && !inSums ? text
                        : text.substring(0, at) + character + text.substring(at + 1);
                case "truncate" -> text.substring(0, at);
                case "duplicate-line" -> {
                    String line = lineAt(text, at);
                    yield text + line + "\n";
                }
                case "delete-line" -> text.replace(lineAt(text, at) + "\n", "");
                default -> throw new IllegalArgumentException(kind);
            };
        }

        private static boolean isValueCharacter(char c) {
            return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+';
        }

        private static String lineAt(String text, int at) {
            int start = text.lastIndexOf('\n', at - 1) + 1;
            int end = text.indexOf('\n', at);
            return text.substring(start, end < 0 ? text.length() : end);
        }
    }

    @Provide
    Arbitrary<List<Damage>> damages() {
        // no digits, signs or points are ever inserted: that would write another valid number
        Arbitrary<Character> characters = Arbitraries.of(',', '"', '\n', '\r', ' ', '\u3000', 'x', '元', '\t', ';',
                '\u0000', '\uFEFF', '表', '=', 'e');
        Arbitrary<Damage> damage = Combinators.combine(
                Arbitraries.of("insert", "delete", "replace", "truncate", "duplicate-line", "delete-line"),
                Arbitraries.integers().between(0, 999_999).map(i -> i / 1_000_000.0), characters).as(Damage::new);
        return damage.list().ofMinSize(1).ofMaxSize(4);
    }

    record Harmless(String name, java.util.function.Consumer<List<String>> change) {

        void apply(List<String> lines) {
            change.accept(lines);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<List<Harmless>> harmless() {
        Arbitrary<Harmless> change = Arbitraries.of(
                new Harmless("spaces", lines -> mapValues(lines, v -> "  " + v + " ")),
                new Harmless("ideographic space", lines -> mapValues(lines, v -> "\u3000" + v)),
                new Harmless("plus", lines -> mapValues(lines,
                        v -> core(v, c -> c.startsWith("-") || c.startsWith("+") ? c : "+" + c))),
                new Harmless("full-width", lines -> mapValues(lines, v -> core(v, FileMutationProperties::fullWidth))),
                new Harmless("grouped", lines -> mapValues(lines, v -> core(v, FileMutationProperties::grouped))),
                new Harmless("empty row", lines -> lines.add(",,,")),
                new Harmless("blank line", lines -> lines.add(lines.size() / 2, "")),
                new Harmless("shuffled", lines -> Collections.shuffle(lines.subList(1, lines.size()),
                        new java.util.Random(lines.size()))),
                new Harmless("label column", lines -> {
                    if (lines.get(0).endsWith(",label")) {
                        return;
                    }
                    lines.set(0, lines.get(0) + ",label");
                    for (int i = 1; i < lines.size(); i++) {
                        if (!lines.get(i).replace(",", "").isBlank()) {
                            lines.set(i, lines.get(i) + ",说明「" + i + "」");
                        }
                    }
                }));
        return change.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Charset> encodings() {
        return Arbitraries.of(StandardCharsets.UTF_8, Charset.forName("GBK"), Charset.forName("GB18030"),
                StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);
    }

    /** Changes the value field of every data line, leaving an optional label column alone. */
    private static void mapValues(List<String> lines, java.util.function.UnaryOperator<String> change) {
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] fields = splitFields(line);
            if (fields.length < 4 || unquote(fields[3]).isBlank()) {
                continue; // blank lines and empty rows carry no value
            }
            fields[3] = change.apply(unquote(fields[3]));
            fields[3] = fields[3].contains(",") ? "\"" + fields[3] + "\"" : fields[3];
            lines.set(i, String.join(",", fields));
        }
    }

    /** Changes the number itself, keeping the spaces around it where they are. */
    private static String core(String value, java.util.function.UnaryOperator<String> change) {
        int start = 0;
        int end = value.length();
        while (start < end && Character.isSpaceChar(value.charAt(start))) {
            start++;
        }
        while (end > start && Character.isSpaceChar(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, start) + change.apply(value.substring(start, end)) + value.substring(end);
    }

    private static String[] splitFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                field.append(c);
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }

    private static String unquote(String field) {
        return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
                ? field.substring(1, field.length() - 1) : field;
    }

    private static String fullWidth(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : c);
        }
        return out.toString();
    }

    private static String grouped(String value) {
        String trimmed = value;
        if (!trimmed.matches("[+-]?\\d+(\\.\\d+)?")) {
            return value;
        }
        String sign = trimmed.startsWith("-") || trimmed.startsWith("+") ? trimmed.substring(0, 1) : "";
        String digits = trimmed.substring(sign.length());
        String whole = digits.contains(".") ? digits.substring(0, digits.indexOf('.')) : digits;
        String fraction = digits.substring(whole.length());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(whole.charAt(i));
        }
        return sign + out + fraction;
    }
}

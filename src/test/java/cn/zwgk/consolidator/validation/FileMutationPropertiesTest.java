package cn.zwgk.consolidator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.common.Finding;
import cn.zwgk.consolidator.submission.SubmissionReader;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.TemplateCatalog;

/**
 * Random and mutated files fed to the reader and the rules: each is either refused with findings
 * or accepted with exactly the values of the file it was made from, and nothing ever throws.
 *
 * <p>One seed per test run: fixed unless {@code -Dproperties.seed=random} (a new one) or
 * {@code -Dproperties.seed=N} (replays a failure). Every failure names the seed, the try and the
 * sample that broke it.
 */
class FileMutationPropertiesTest {

    /** CI must see the same files on every run; anyone may ask for other ones. */
    static final long FIXED_SEED = 20201231L;
    static final long SEED = seed(System.getProperty("properties.seed"));

    private static final ReportTemplate GOV_2019 = TemplateCatalog.load("gov-2019");
    private static final String ORIGINAL = SampleSubmission.gov2019().text();
    private static final ReportValues ORIGINAL_VALUES = new SubmissionReader(GOV_2019, false)
            .read(ORIGINAL.getBytes(StandardCharsets.UTF_8)).values();

    static long seed(String property) {
        if (property == null || property.isBlank()) {
            return FIXED_SEED;
        }
        if (property.strip().equalsIgnoreCase("random")) {
            long seed = new SecureRandom().nextLong();
            System.out.println("properties.seed=" + seed);
            return seed;
        }
        return Long.parseLong(property.strip());
    }

    /**
     * Runs {@code check} on {@code tries} samples drawn from one Random seeded with {@link #SEED}:
     * each test draws its own sequence, so a replay does not depend on which other tests ran.
     */
    static <T> void forEachTry(int tries, Function<Random, T> sample, Function<T, String> describe, Consumer<T> check) {
        Random random = new Random(SEED);
        for (int i = 1; i <= tries; i++) {
            T drawn = sample.apply(random);
            try {
                check.accept(drawn);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property broken at try " + i + " of " + tries + " with seed " + SEED
                        + " (replay: -Dproperties.seed=" + SEED + "); sample: " + describe.apply(drawn) + "\n"
                        + e.getMessage(), e);
            }
        }
    }

    /** The reader and the rules together, as a run applies them: null when refused. */
    private static ReportValues acceptedValues(byte[] bytes) {
        SubmissionReader.Result read = new SubmissionReader(GOV_2019, false).read(bytes);
        if (read.findings().stream().anyMatch(Finding::isError)) {
            return null;
        }
        List<Finding> broken = new RuleChecks(GOV_2019).check(read.values(), null);
        return broken.stream().anyMatch(Finding::isError) ? null : read.values();
    }

    @Test
    void theSeedIsFixedUnlessAskedOtherwise() {
        assertThat(seed(null)).isEqualTo(FIXED_SEED);
        assertThat(seed("")).isEqualTo(FIXED_SEED);
    }

    @Test
    void aGivenSeedIsReplayed() {
        assertThat(seed("-42")).isEqualTo(-42L);
    }

    @Test
    void aFailureNamesTheSeedTheTryAndTheSample() {
        AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> forEachTry(5, random -> "sample-" + random.nextInt(10), s -> s,
                        s -> assertThat(s).isEqualTo("never")));

        assertThat(failure.getMessage()).contains("try 1 of 5").contains("seed " + SEED)
                .contains("-Dproperties.seed=" + SEED).contains("sample: sample-");
    }

    @Test
    void randomBytesAreRefusedWithoutAnException() {
        forEachTry(300, random -> {
            byte[] bytes = new byte[random.nextBoolean() ? random.nextInt(65) : random.nextInt(4097)];
            random.nextBytes(bytes);
            return bytes;
        }, bytes -> "base64 " + Base64.getEncoder().encodeToString(bytes),
                bytes -> assertThat(acceptedValues(bytes)).isNull());
    }

    @Test
    void randomTextIsRefusedWithoutAnException() {
        forEachTry(300, FileMutationPropertiesTest::randomText, FileMutationPropertiesTest::escaped,
                text -> assertThat(acceptedValues(text.getBytes(StandardCharsets.UTF_8))).isNull());
    }

    /** Text up to 2000 characters, heavy in what a CSV reader and a number parser react to. */
    private static String randomText(Random random) {
        String special = ",\"\n\r \t+-.0123456789\u3000０１２３４５６７８９万元表三\uFEFF";
        int length = random.nextBoolean() ? random.nextInt(41) : random.nextInt(2001);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            switch (random.nextInt(4)) {
                case 0 -> text.append(special.charAt(random.nextInt(special.length())));
                case 1 -> text.append((char) (0x20 + random.nextInt(0x5F)));
                case 2 -> text.append((char) (0x4E00 + random.nextInt(0x5200)));
                default -> {
                    char c = (char) random.nextInt(0x10000);
                    text.append(Character.isSurrogate(c) ? '?' : c);
                }
            }
        }
        return text.toString();
    }

    static Stream<Charset> damagedFileEncodings() {
        return Stream.of(StandardCharsets.UTF_8, Charset.forName("GB18030"));
    }

    /**
     * Damage anywhere in the file: a refused file is fine, an accepted one must mean what the
     * original meant. (Changing one digit of 表二 makes another valid file, with no rule to tell;
     * digits, points and signs are therefore only damaged in 表三 and 表四, where every cell is
     * in a sum.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedFileEncodings")
    void damagedFilesAreRefusedOrMeanTheSame(Charset charset) {
        forEachTry(1000, FileMutationPropertiesTest::damages, damages -> damages + " in " + charset, damages -> {
            String text = ORIGINAL;
            for (Damage damage : damages) {
                text = damage.apply(text);
            }
            ReportValues values = acceptedValues(text.getBytes(charset));
            if (values != null) {
                assertThat(values.sameValues(ORIGINAL_VALUES)).as(escaped(text)).isTrue();
            }
        });
    }

    static Stream<Charset> encodings() {
        return Stream.of(StandardCharsets.UTF_8, Charset.forName("GBK"), Charset.forName("GB18030"),
                StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);
    }

    /** Everything docs/file-format.md says means the same: always accepted, always the same values. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void harmlessChangesAreAcceptedWithTheSameValues(Charset charset) {
        forEachTry(300, FileMutationPropertiesTest::harmlessChanges, changes -> changes + " in " + charset, changes -> {
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
        });
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

        @Override
        public String toString() {
            return kind + "@" + where + "(" + escaped(String.valueOf(character)) + ")";
        }
    }

    private static final List<String> DAMAGE_KINDS = List.of("insert", "delete", "replace", "truncate",
            "duplicate-line", "delete-line");
    // no digits, signs or points are ever inserted: that would write another valid number
    private static final char[] DAMAGE_CHARACTERS = {',', '"', '\n', '\r', ' ', '\u3000', 'x', '元', '\t', ';',
        '\u0000', '\uFEFF', '表', '=', 'e'};

    private static List<Damage> damages(Random random) {
        int count = 1 + random.nextInt(4);
        List<Damage> damages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            damages.add(new Damage(DAMAGE_KINDS.get(random.nextInt(DAMAGE_KINDS.size())),
                    random.nextInt(1_000_000) / 1_000_000.0,
                    DAMAGE_CHARACTERS[random.nextInt(DAMAGE_CHARACTERS.length)]));
        }
        return damages;
    }

    record Harmless(String name, BiConsumer<List<String>, Random> change, long shuffleSeed) {

        Harmless(String name, Consumer<List<String>> change) {
            this(name, (lines, random) -> change.accept(lines), 0);
        }

        void apply(List<String> lines) {
            change.accept(lines, new Random(shuffleSeed));
        }

        Harmless withShuffleSeed(long seed) {
            return new Harmless(name, change, seed);
        }

        @Override
        public String toString() {
            return name.equals("shuffled") ? name + "(" + shuffleSeed + ")" : name;
        }
    }

    private static final List<Harmless> HARMLESS = List.of(
            new Harmless("spaces", lines -> mapValues(lines, v -> "  " + v + " ")),
            new Harmless("ideographic space", lines -> mapValues(lines, v -> "\u3000" + v)),
            new Harmless("plus", lines -> mapValues(lines,
                    v -> core(v, c -> c.startsWith("-") || c.startsWith("+") ? c : "+" + c))),
            new Harmless("full-width", lines -> mapValues(lines, v -> core(v, FileMutationPropertiesTest::fullWidth))),
            new Harmless("grouped", lines -> mapValues(lines, v -> core(v, FileMutationPropertiesTest::grouped))),
            new Harmless("empty row", lines -> lines.add(",,,")),
            new Harmless("blank line", lines -> lines.add(lines.size() / 2, "")),
            new Harmless("shuffled", (lines, random) -> Collections.shuffle(lines.subList(1, lines.size()), random), 0),
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

    private static List<Harmless> harmlessChanges(Random random) {
        int count = 1 + random.nextInt(4);
        List<Harmless> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(HARMLESS.get(random.nextInt(HARMLESS.size())).withShuffleSeed(random.nextLong()));
        }
        return changes;
    }

    /** A sample as Java would write it, so that control characters show in a failure message. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '"') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || c == '\uFEFF' || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
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

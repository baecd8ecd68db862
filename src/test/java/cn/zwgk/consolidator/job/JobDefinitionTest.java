package cn.zwgk.consolidator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.validation.SubmissionCheck;

class JobDefinitionTest {

    @TempDir
    Path dir;

    private Path job(String yaml) throws IOException {
        Path file = dir.resolve("job.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theBundledJobReadsAsTheSpecShowsIt() {
        JobDefinition job = JobDefinition.load(Path.of("jobs/bozhou-2020.yml"), Map.of());

        assertThat(job.name()).isEqualTo("bozhou-2020");
        assertThat(job.year()).isEqualTo(2020);
        assertThat(job.template()).isEqualTo("gov-2019");
        assertThat(job.units()).isEqualTo(Path.of("input/bozhou-2020/units.csv"));
        assertThat(job.submissions()).isEqualTo(Path.of("input/bozhou-2020/submissions"));
        assertThat(job.output()).isEqualTo(Path.of("output/bozhou-2020"));
        assertThat(job.previous()).isNull();
        assertThat(job.blankAsZero()).isFalse();
        assertThat(job.maxFileSize()).isEqualTo(SubmissionCheck.DEFAULT_MAX_BYTES);
        assertThat(job.organisation()).isEqualTo("亳州市人民政府");
        assertThat(job.deadline()).isNull();
    }

    @Test
    void theIssuingBodyAndTheDeadlineAreReadFromTheFileAndTheCommandLine() throws IOException {
        Path file = job("name: x\nyear: 2020\ntemplate: gov-2019\nunits: u\nsubmissions: s\noutput: o\n"
                + "organisation: 亳州市人民政府\ndeadline: 2021-01-31\n");

        JobDefinition fromFile = JobDefinition.load(file, Map.of());
        JobDefinition overridden = JobDefinition.load(file, Map.of("deadline", "2021-02-28", "organisation", "谯城区人民政府"));

        assertThat(fromFile.organisation()).isEqualTo("亳州市人民政府");
        assertThat(fromFile.deadline()).isEqualTo(java.time.LocalDate.of(2021, 1, 31));
        assertThat(overridden.organisation()).isEqualTo("谯城区人民政府");
        assertThat(overridden.deadline()).isEqualTo(java.time.LocalDate.of(2021, 2, 28));
    }

    @Test
    void aDeadlineThatIsNoDateIsRefused() throws IOException {
        Path file = job("name: x\nyear: 2020\ntemplate: gov-2019\nunits: u\nsubmissions: s\noutput: o\n"
                + "deadline: 1月底\n");

        assertThatThrownBy(() -> JobDefinition.load(file, Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("deadline “1月底” 无效，应为ISO 日期");
    }

    @Test
    void theCommandLineOverridesTheFile() {
        JobDefinition job = JobDefinition.load(Path.of("jobs/bozhou-2020.yml"), Map.of("year", "2021", "template",
                "gov-2021", "output", "/tmp/x", "blank-as-zero", "true", "previous", "output/bozhou-2019",
                "max-file-size", "1MiB"));

        assertThat(job.year()).isEqualTo(2021);
        assertThat(job.template()).isEqualTo("gov-2021");
        assertThat(job.output()).isEqualTo(Path.of("/tmp/x"));
        assertThat(job.blankAsZero()).isTrue();
        assertThat(job.previous()).isEqualTo(Path.of("output/bozhou-2019"));
        assertThat(job.maxFileSize()).isEqualTo(1024 * 1024);
    }

    @Test
    void aMisspelledKeyIsRefused() throws IOException {
        Path file = job("name: x\nyear: 2020\ntemplate: gov-2019\nunits: u.csv\nsubmission: s\noutput: o\n");

        assertThatThrownBy(() -> JobDefinition.load(file, Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("未知的设置项“submission”");
    }

    @Test
    void aMissingKeyIsRefused() throws IOException {
        Path file = job("name: x\nyear: 2020\ntemplate: gov-2019\nunits: u.csv\noutput: o\n");

        assertThatThrownBy(() -> JobDefinition.load(file, Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("缺少 submissions");
    }

    @Test
    void aYearThatIsNoYearIsRefused() throws IOException {
        Path file = job("name: x\nyear: twenty\ntemplate: gov-2019\nunits: u\nsubmissions: s\noutput: o\n");

        assertThatThrownBy(() -> JobDefinition.load(file, Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("year");
    }

    @Test
    void brokenYamlIsRefusedInOneLine() throws IOException {
        Path file = job("name: [x\n");

        assertThatThrownBy(() -> JobDefinition.load(file, Map.of())).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static final String GOOD = "name: x\nyear: 2020\ntemplate: gov-2019\nunits: u.csv\nsubmissions: s\noutput: o\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1024, 1024", "1KiB, 1024", "1kb, 1024", "512 KiB, 524288", "5MiB, 5242880", "5MB, 5242880",
            "5mib, 5242880", "100MiB, 104857600"})
    void theDocumentedSizeFormsAreAccepted(String size, long bytes) throws IOException {
        JobDefinition fromFile = JobDefinition.load(job(GOOD + "max-file-size: " + size + "\n"), Map.of());
        JobDefinition fromCommandLine = JobDefinition.load(job(GOOD), Map.of("max-file-size", size));

        assertThat(fromFile.maxFileSize()).isEqualTo(bytes);
        assertThat(fromCommandLine.maxFileSize()).isEqualTo(bytes);
    }

    @Test
    void theOrganisationAndTheDeadlineAreRead() throws IOException {
        JobDefinition job = JobDefinition.load(job(GOOD + "organisation: 亳州市人民政府\ndeadline: 2021-01-31\n"),
                Map.of());

        assertThat(job.organisation()).isEqualTo("亳州市人民政府");
        assertThat(job.deadline()).isEqualTo(LocalDate.of(2021, 1, 31));
    }

    @Test
    void theFileAndTheCommandLineFollowOneSetOfRules() throws IOException {
        JobDefinition job = JobDefinition.load(job(GOOD + "blank-as-zero: yes\n"), Map.of("year", "2021"));

        assertThat(job.blankAsZero()).isTrue();
        assertThat(job.year()).isEqualTo(2021);
        assertThatThrownBy(() -> JobDefinition.load(job(GOOD), Map.of("blank-as-zero", "maybe")))
                .hasMessageContaining("命令行：--blank-as-zero “maybe” 无效，应为true 或 false");
        assertThatThrownBy(() -> JobDefinition.load(job(GOOD + "blank-as-zero: maybe\n"), Map.of()))
                .hasMessageContaining("job.yml：blank-as-zero “maybe” 无效，应为true 或 false");
    }

    @Test
    void aYamlDateOrNumberIsReadAsTheTextTheOfficeWrote() throws IOException {
        // 0o17 would be 15 to a YAML 1.1 reader; a name is text
        JobDefinition job = JobDefinition.load(job(GOOD.replace("name: x", "name: 0017")), Map.of());

        assertThat(job.name()).isEqualTo("0017");
    }

    @Test
    void applicationPropertiesGiveDefaultsBelowTheJobFile() throws IOException {
        Files.writeString(dir.resolve("application.properties"),
                "consolidator.max-file-size=10MiB\nconsolidator.organisation=亳州市人民政府\n", StandardCharsets.UTF_8);
        var sources = new java.util.ArrayList<JobDefinition.Source>();
        sources.add(new JobDefinition.Source("任务文件", "", Map.of("organisation", "谯城区人民政府")));
        sources.addAll(ApplicationDefaults.sources(dir));

        JobSettings settings = JobDefinition.bind(sources, java.util.List.of(), "任务文件");

        assertThat(settings.getMaxFileSize().toBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(settings.getOrganisation()).isEqualTo("谯城区人民政府");
    }

    @Test
    void anUnknownConsolidatorKeyInApplicationPropertiesIsRefused() throws IOException {
        Files.writeString(dir.resolve("application.properties"), "consolidator.max-filesize=10MiB\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ApplicationDefaults.sources(dir)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("consolidator.max-filesize");
    }

    @Test
    void aUnitsCheckOfItsFileTakesTheOfficesDefaultsToo(@TempDir Path workingDirectory) throws IOException {
        Files.writeString(workingDirectory.resolve("application.properties"), "consolidator.max-file-size=1KiB\n");

        JobSettings settings = JobDefinition.bindWithDefaults(Map.of(), workingDirectory);

        assertThat(settings.getMaxFileSize().toBytes()).isEqualTo(1024);
    }

    @Test
    void theCommandLineWinsOverTheOfficesDefaultsInAUnitsCheck(@TempDir Path workingDirectory) throws IOException {
        Files.writeString(workingDirectory.resolve("application.properties"), "consolidator.max-file-size=1KiB\n");

        JobSettings settings = JobDefinition.bindWithDefaults(Map.of("max-file-size", "2KiB"), workingDirectory);

        assertThat(settings.getMaxFileSize().toBytes()).isEqualTo(2048);
    }
}

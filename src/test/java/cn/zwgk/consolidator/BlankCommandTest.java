package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blank} never overwrites a file, a unit's filled-in form say, unless told {@code --force}. */
class BlankCommandTest {

    @TempDir
    Path dir;

    private final JobRunner runner = new JobRunner();

    @Test
    void anExistingFileIsRefusedAndKept() throws IOException {
        Path filled = dir.resolve("qiaocheng.csv");
        Files.writeString(filled, "the unit's filled-in submission", StandardCharsets.UTF_8);

        JobRunner.Run run = runner.run("blank", "--template=gov-2019", "--unit=qiaocheng", "--output=" + filled);

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains(filled.toString()).contains("已存在").contains("--force");
        assertThat(Files.readString(filled, StandardCharsets.UTF_8)).isEqualTo("the unit's filled-in submission");
    }

    @Test
    void forceReplacesAnExistingFile() throws IOException {
        Path old = dir.resolve("qiaocheng.csv");
        Files.writeString(old, "last week's blank form", StandardCharsets.UTF_8);

        JobRunner.Run run = runner.run("blank", "--template=gov-2019", "--unit=qiaocheng", "--output=" + old,
                "--force");

        assertThat(run.exitStatus()).as(run.err()).isZero();
        assertThat(Files.readString(old, StandardCharsets.UTF_8)).contains("table,row,column,value");
    }

    @Test
    void aFolderIsNeverReplaced() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("form.csv"));

        JobRunner.Run run = runner.run("blank", "--template=gov-2019", "--unit=qiaocheng", "--output=" + folder,
                "--force");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err()).contains("文件夹");
    }

    @Test
    void aMissingFolderIsAUsageErrorNotAFailure() {
        JobRunner.Run run = runner.run("blank", "--template=gov-2019", "--unit=qiaocheng",
                "--output=" + dir.resolve("no/such/folder/q.csv"));

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void helpShowsItsOwnUsage() {
        JobRunner.Run run = runner.run("blank", "--help");

        assertThat(run.exitStatus()).isZero();
        assertThat(run.out()).contains("blank --template=").contains("--force");
    }
}

package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zwgk.consolidator.JobRunner;

/** {@code accounts} as SPEC 8 says: one sign-in per unit and the office's, passwords written once, only hashes kept. */
class AccountsCommandTest {

    @TempDir
    Path folder;

    private final JobRunner runner = new JobRunner();

    private JobRunner.Run accounts(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("accounts", "--job=jobs/bozhou-2020.yml",
                "--logging.file.name=" + folder.resolve("data/log")));
        args.addAll(List.of(more));
        return runner.run(args.toArray(String[]::new));
    }

    @Test
    void every_unit_and_the_office_get_a_sign_in_and_the_passwords_go_to_the_file_once() {
        Path file = folder.resolve("accounts.csv");

        JobRunner.Run run = accounts("--output=" + file);

        assertThat(run.exitStatus()).as(run.err()).isZero();
        List<Map<String, String>> lines = JobRunner.readCsv(file);
        assertThat(lines).hasSize(14);
        assertThat(lines).extracting(line -> line.get("user")).contains("office", "qiaocheng", "sz-gongan");
        assertThat(lines).allSatisfy(line -> assertThat(line.get("password")).hasSizeGreaterThanOrEqualTo(16));
        assertThat(run.out()).doesNotContain(lines.get(1).get("password"));
    }

    @Test
    void the_database_keeps_only_the_encoders_hashes() {
        Path file = folder.resolve("accounts.csv");
        accounts("--output=" + file);
        Map<String, String> qiaocheng = JobRunner.readCsv(file).stream()
                .filter(line -> line.get("user").equals("qiaocheng")).findFirst().orElseThrow();

        String hash = (String) runner.query("SELECT password_hash FROM portal_account WHERE user_name = 'qiaocheng'")
                .get(0).get("password_hash");

        assertThat(hash).startsWith("{bcrypt}").doesNotContain(qiaocheng.get("password"));
        assertThat(Passwords.encoder().matches(qiaocheng.get("password"), hash)).isTrue();
    }

    @Test
    void the_file_is_readable_by_its_owner_only() throws IOException {
        Path file = folder.resolve("accounts.csv");

        accounts("--output=" + file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void a_second_run_creates_no_sign_in_that_exists() {
        accounts("--output=" + folder.resolve("first.csv"));

        JobRunner.Run second = accounts("--output=" + folder.resolve("second.csv"));

        assertThat(second.exitStatus()).isZero();
        assertThat(second.out()).contains("没有新建");
        assertThat(folder.resolve("second.csv")).doesNotExist();
    }

    @Test
    void an_existing_file_is_never_overwritten() throws IOException {
        Path file = folder.resolve("mine.csv");
        Files.writeString(file, "my own notes");

        JobRunner.Run run = accounts("--output=" + file);

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(Files.readString(file)).isEqualTo("my own notes");
    }

    @Test
    void reset_issues_a_new_password_for_one_user() {
        Path file = folder.resolve("accounts.csv");
        accounts("--output=" + file);
        String old = (String) runner.query("SELECT password_hash FROM portal_account WHERE user_name = 'lixin'").get(0)
                .get("password_hash");

        JobRunner.Run reset = accounts("--reset=lixin");

        assertThat(reset.exitStatus()).isZero();
        String password = reset.out().strip().replaceAll(".*：", "");
        String hash = (String) runner.query("SELECT password_hash FROM portal_account WHERE user_name = 'lixin'").get(0)
                .get("password_hash");
        assertThat(hash).isNotEqualTo(old);
        assertThat(Passwords.encoder().matches(password, hash)).isTrue();
    }

    @Test
    void reset_of_an_unknown_user_is_exit_2_with_one_line() {
        JobRunner.Run reset = accounts("--reset=nobody");

        assertThat(reset.exitStatus()).isEqualTo(2);
        assertThat(reset.err().lines()).hasSize(1);
    }
}

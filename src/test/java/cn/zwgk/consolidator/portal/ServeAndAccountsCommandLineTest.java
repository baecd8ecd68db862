package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zwgk.consolidator.JobRunner;

/** The command line of {@code serve} and {@code accounts}: mistakes in one line with exit 2; schedules run in the portal. */
class ServeAndAccountsCommandLineTest {

    private final JobRunner runner = new JobRunner();

    @Test
    void serve_with_a_missing_job_file_is_exit_2_in_one_line() {
        JobRunner.Run run = runner.run("serve", "--job=jobs/no-such-job.yml", "--server.port=0");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("no-such-job.yml");
    }

    @Test
    void springs_options_may_come_before_serve_and_its_server_options() {
        JobRunner.Run run = runner.run("--logging.level.root=warn", "serve", "--job=jobs/no-such-job.yml",
                "--server.port=0");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("no-such-job.yml")
                .doesNotContain("--server.port");
    }

    @Test
    void the_same_job_served_twice_is_exit_2() {
        JobRunner.Run run = runner.run("serve", "--job=jobs/bozhou-2020.yml", "--job=jobs/bozhou-2020.yml");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err()).contains("bozhou-2020");
    }

    @Test
    void a_job_setting_on_serves_command_line_needs_exactly_one_job() {
        JobRunner.Run run = runner.run("serve", "--job=jobs/bozhou-2020.yml", "--job=jobs/sample-county-2021.yml",
                "--output=/srv/share/output", "--server.port=0");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("--output").contains("--job");
    }

    @Test
    void accounts_without_a_job_is_exit_2_naming_its_help() {
        JobRunner.Run run = runner.run("accounts");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err()).contains("--job").contains("accounts --help");
    }

    @Test
    void a_server_option_means_nothing_to_the_command_line_job() {
        JobRunner.Run run = runner.run("--job=jobs/bozhou-2020.yml", "--server.port=8080");

        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.err()).contains("--server.port");
    }

    @Test
    void a_jobs_schedule_runs_in_the_portals_process() throws IOException, InterruptedException {
        try (PortalFixture portal = new PortalFixture(Map.of("schedule", "\"*/2 * * * * *\""))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long runs = 0;
            while (runs == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                runs = portal.jdbc().queryForObject("SELECT COUNT(*) FROM portal_audit WHERE action = 'run'", Long.class);
            }
            assertThat(runs).isPositive();
        }
    }

    @Test
    void a_schedule_goes_on_when_a_tick_finds_the_database_gone() throws IOException, InterruptedException {
        try (PortalFixture portal = new PortalFixture(Map.of("schedule", "\"* * * * * *\""))) {
            portal.jdbc().execute("SHUTDOWN");
            // a tick or two fail: the run and its audit line both need the database
            Thread.sleep(3000);

            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("schedule-" + PortalFixture.JOB))
                    .singleElement().satisfies(t -> assertThat(t.isAlive()).isTrue());
        }
    }
}

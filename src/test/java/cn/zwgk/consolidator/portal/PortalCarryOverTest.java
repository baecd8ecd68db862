package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zwgk.consolidator.JobRunner;
import cn.zwgk.consolidator.SampleSubmission;

/** With {@code previous:} set, the blank form a unit downloads carries last year's 结转 into this year's row 2. */
class PortalCarryOverTest {

    @Test
    void the_blank_form_is_prefilled_with_last_years_carry_over() throws IOException {
        Path lastYear = Files.createTempDirectory("portal-last-year-").resolve("bozhou-2020");
        JobRunner.Run run = new JobRunner().run("--job=jobs/bozhou-2020.yml", "--output=" + lastYear,
                "--logging.file.name=" + lastYear.getParent().resolve("data/log"));
        assertThat(run.exitStatus()).as(run.err()).isZero();
        String carried = SampleSubmission.gov2019().value("3", "4", "natural");

        try (PortalFixture portal = new PortalFixture(Map.of("previous", lastYear.toString()))) {
            var browser = portal.browser();
            browser.signIn("guoyang");
            HttpResponse<String> form = browser.get("/jobs/bozhou-2020/units/qiaocheng/blank.csv");
            assertThat(form.statusCode()).isEqualTo(403);

            browser = portal.browser();
            browser.signIn("qiaocheng");
            form = browser.get("/jobs/bozhou-2020/units/qiaocheng/blank.csv");

            assertThat(form.body()).contains("3,2,natural," + carried + ",");
        }
    }
}

package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.common.Sha256;

/** The JSON API of SPEC section 8 over real HTTP: who may do what, and what an upload does to the folder. */
class PortalApiTest {

    private static PortalFixture portal;

    @BeforeAll
    static void start() throws IOException {
        portal = new PortalFixture();
    }

    @AfterAll
    static void stop() throws IOException {
        portal.close();
    }

    private static String submission(String code) {
        return "/api/jobs/" + PortalFixture.JOB + "/units/" + code + "/submission";
    }

    private static byte[] broken() {
        return SampleSubmission.gov2019().plus("3", "1", "natural", 1).bytes();
    }

    private long uploadsOf(String code) {
        return portal.jdbc().queryForObject("SELECT COUNT(*) FROM portal_upload WHERE unit_code = ?", Long.class, code);
    }

    @Test
    void without_credentials_the_api_answers_401_in_json() {
        HttpResponse<String> response = portal.api("GET", "/api/jobs/bozhou-2020/units/guoyang", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).startsWith("{\"error\":\"需要登录");
    }

    @Test
    void a_wrong_password_is_401() {
        HttpResponse<String> response = portal.api("GET", "/api/jobs/bozhou-2020/units/guoyang", "guoyang",
                "not-the-password", null);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void a_broken_file_is_rejected_with_the_jobs_findings_and_leaves_the_folder_alone() throws IOException {
        byte[] before = Files.readAllBytes(portal.submissions.resolve("mengcheng.csv"));

        HttpResponse<String> response = portal.api("PUT", submission("mengcheng"), "mengcheng", broken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"rejected\"").contains("\"rule\":\"row-total\"")
                .contains("表三");
        assertThat(Files.readAllBytes(portal.submissions.resolve("mengcheng.csv"))).isEqualTo(before);
        assertThat(uploadsOf("mengcheng")).isEqualTo(1);
    }

    @Test
    void an_accepted_file_becomes_the_units_file_in_the_submissions_folder() throws IOException {
        byte[] file = SampleSubmission.gov2019().bytes();

        HttpResponse<String> response = portal.api("PUT", submission("qiaocheng") + "?file=谯城区2020.csv",
                "qiaocheng", file);

        assertThat(response.body()).contains("\"status\":\"accepted\"").contains(Sha256.hex(file));
        assertThat(Files.readAllBytes(portal.submissions.resolve("qiaocheng.csv"))).isEqualTo(file);
        try (var names = Files.list(portal.submissions)) {
            assertThat(names.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("qiaocheng") || n.startsWith(".")))
                    .containsExactly("qiaocheng.csv");
        }
    }

    @Test
    void a_unit_writing_another_units_submission_gets_403_and_nothing_is_kept() throws IOException {
        byte[] before = Files.readAllBytes(portal.submissions.resolve("lixin.csv"));

        HttpResponse<String> response = portal.api("PUT", submission("lixin"), "sz-jiaoyu",
                SampleSubmission.gov2019().bytes());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("{\"error\":");
        assertThat(Files.readAllBytes(portal.submissions.resolve("lixin.csv"))).isEqualTo(before);
        assertThat(uploadsOf("lixin")).isZero();
    }

    @Test
    void a_unit_reading_another_unit_gets_403() {
        assertThat(portal.api("GET", "/api/jobs/bozhou-2020/units/lixin", "sz-jiaoyu", null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void a_unit_reads_its_own_state_as_the_run_will_see_it() {
        HttpResponse<String> response = portal.api("GET", "/api/jobs/bozhou-2020/units/sz-weijian", "sz-weijian", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"unit\":\"sz-weijian\"").contains("\"status\":\"accepted\"")
                .contains("\"name\":\"");
    }

    /** curl --data-binary labels the body application/x-www-form-urlencoded unless told otherwise. */
    @Test
    void a_file_sent_as_curl_sends_it_by_default_arrives_whole() throws IOException {
        byte[] file = SampleSubmission.gov2019().bytes();

        HttpResponse<String> response = portal.api("PUT", submission("sz-shichangjianguan"), "sz-shichangjianguan", file,
                "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"accepted\"").contains(Sha256.hex(file));
        assertThat(Files.readAllBytes(portal.submissions.resolve("sz-shichangjianguan.csv"))).isEqualTo(file);
    }

    @Test
    void a_file_over_the_size_limit_sent_as_a_form_is_413_too() throws IOException {
        byte[] huge = new byte[5 * 1024 * 1024 + 10];
        Arrays.fill(huge, (byte) '1');

        HttpResponse<String> response = portal.api("PUT", submission("sz-renshe"), "sz-renshe", huge,
                "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(uploadsOf("sz-renshe")).isZero();
    }

    @Test
    void a_file_over_the_size_limit_is_413_in_chinese_and_never_stored() throws IOException {
        byte[] huge = new byte[5 * 1024 * 1024 + 10];
        Arrays.fill(huge, (byte) '1');
        byte[] before = Files.readAllBytes(portal.submissions.resolve("sz-renshe.csv"));

        HttpResponse<String> response = portal.api("PUT", submission("sz-renshe"), "sz-renshe", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("超过大小上限");
        assertThat(uploadsOf("sz-renshe")).isZero();
        assertThat(Files.readAllBytes(portal.submissions.resolve("sz-renshe.csv"))).isEqualTo(before);
    }

    @Test
    void the_name_the_sender_gives_is_never_a_path() throws IOException {
        HttpResponse<String> response = portal.api("PUT", submission("sz-shengtai") + "?file=..%2F..%2Fevil.csv",
                "sz-shengtai", SampleSubmission.gov2019().bytes());

        assertThat(response.body()).contains("\"status\":\"accepted\"");
        assertThat(portal.folder.resolve("evil.csv")).doesNotExist();
        assertThat(portal.submissions.resolve("evil.csv")).doesNotExist();
        assertThat(Files.readString(portal.submissions.resolve("sz-shengtai.csv"), StandardCharsets.UTF_8))
                .isEqualTo(SampleSubmission.gov2019().text());
    }

    @Test
    void a_name_that_is_no_csv_or_xlsx_is_refused() {
        HttpResponse<String> response = portal.api("PUT", submission("sz-zhujian") + "?file=report.pdf", "sz-zhujian",
                SampleSubmission.gov2019().bytes());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(".csv 或 .xlsx");
    }

    @Test
    void the_status_list_is_for_the_office_only() {
        assertThat(portal.api("GET", "/api/jobs/bozhou-2020/status", "guoyang", null).statusCode()).isEqualTo(403);

        HttpResponse<String> response = portal.api("GET", "/api/jobs/bozhou-2020/status", "office", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"code\":\"guoyang\"").contains("\"explained\":");
    }

    @Test
    void an_unknown_job_or_unit_is_404() {
        assertThat(portal.api("GET", "/api/jobs/nowhere-1999/units/guoyang", "office", null).statusCode())
                .isEqualTo(404);
        assertThat(portal.api("GET", "/api/jobs/bozhou-2020/units/nobody", "office", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void five_wrong_passwords_lock_the_account_for_a_while() {
        for (int i = 0; i < AccountStore.MOST_FAILURES; i++) {
            portal.api("GET", "/api/jobs/bozhou-2020/units/sz-gongan", "sz-gongan", "wrong-" + i, null);
        }

        HttpResponse<String> right = portal.api("GET", "/api/jobs/bozhou-2020/units/sz-gongan", "sz-gongan", null);

        assertThat(right.statusCode()).isEqualTo(401);
        assertThat(portal.jdbc().queryForObject("SELECT COUNT(*) FROM portal_audit WHERE user_name = 'sz-gongan'"
                + " AND action = 'sign-in-failed'", Long.class)).isEqualTo(AccountStore.MOST_FAILURES + 1L);
    }

    @Test
    void the_office_runs_the_job_and_a_second_run_of_the_same_inputs_is_up_to_date() {
        HttpResponse<String> first = portal.api("POST", "/api/jobs/bozhou-2020/runs", "office", null);
        HttpResponse<String> second = portal.api("POST", "/api/jobs/bozhou-2020/runs", "office", null);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).containsPattern("\"exit\":[03]");
        assertThat(second.body()).contains("已是最新");
        assertThat(portal.api("POST", "/api/jobs/bozhou-2020/runs", "lixin", null).statusCode()).isEqualTo(403);
    }
}

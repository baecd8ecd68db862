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

/** The pages as a browser meets them, over real HTTP: sign-in, a unit's page, uploads, the board. */
class PortalPagesTest {

    private static PortalFixture portal;

    @BeforeAll
    static void start() throws IOException {
        portal = new PortalFixture();
    }

    @AfterAll
    static void stop() throws IOException {
        portal.close();
    }

    private static String page(String code) {
        return "/jobs/bozhou-2020/units/" + code;
    }

    @Test
    void every_page_but_sign_in_needs_sign_in() {
        var browser = portal.browser();

        HttpResponse<String> response = browser.get(page("guoyang"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(browser.get("/jobs/bozhou-2020/board").statusCode()).isEqualTo(302);
        assertThat(browser.get("/login").statusCode()).isEqualTo(200);
    }

    @Test
    void a_sign_in_without_the_csrf_token_is_refused() {
        var browser = portal.browser();
        browser.get("/login");

        HttpResponse<String> response = browser.post("/login", "username=guoyang&password=" + portal.passwords.get("guoyang"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(browser.get(page("guoyang")).statusCode()).isEqualTo(302);
    }

    @Test
    void a_unit_signs_in_and_lands_on_its_own_page_in_chinese() {
        var browser = portal.browser();
        browser.signIn("qiaocheng");

        HttpResponse<String> home = browser.get("/");
        HttpResponse<String> unit = browser.get(home.headers().firstValue("Location").orElseThrow());

        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith(page("qiaocheng"));
        assertThat(unit.body()).contains("谯城区人民政府").contains("未报送").contains("下载 Excel 空白报表");
    }

    @Test
    void the_session_cookie_of_spring_session_is_http_only_and_same_site() {
        var browser = portal.browser();

        HttpResponse<String> response = browser.signIn("guoyang");

        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void a_unit_page_of_another_unit_is_403() {
        var browser = portal.browser();
        browser.signIn("guoyang");

        HttpResponse<String> response = browser.get(page("lixin"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("无权查看");
    }

    @Test
    void a_broken_upload_shows_the_findings_words_and_stays_in_the_history_only() throws IOException {
        var browser = portal.browser();
        browser.signIn("mengcheng");
        byte[] before = Files.readAllBytes(portal.submissions.resolve("mengcheng.csv"));
        String action = PortalFixture.uploadAction(browser.get(page("mengcheng")).body());

        HttpResponse<String> posted = browser.upload(action, "蒙城县.csv",
                SampleSubmission.gov2019().plus("3", "1", "natural", 1).bytes());
        HttpResponse<String> after = browser.get(page("mengcheng"));

        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(after.body()).contains("未接收").contains("表三").contains("蒙城县.csv");
        assertThat(Files.readAllBytes(portal.submissions.resolve("mengcheng.csv"))).isEqualTo(before);
    }

    @Test
    void an_upload_over_the_limit_through_the_page_is_413_in_chinese() {
        var browser = portal.browser();
        browser.signIn("sz-renshe");
        String action = PortalFixture.uploadAction(browser.get(page("sz-renshe")).body());
        byte[] huge = new byte[5 * 1024 * 1024 + 10];
        Arrays.fill(huge, (byte) '1');

        HttpResponse<String> response = browser.upload(action, "big.csv", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("超过大小上限");
        assertThat(portal.jdbc().queryForObject("SELECT COUNT(*) FROM portal_upload WHERE unit_code = 'sz-renshe'",
                Long.class)).isZero();
    }

    @Test
    void a_name_the_browser_sends_is_shown_escaped() {
        var browser = portal.browser();
        browser.signIn("sz-zhujian");
        String action = PortalFixture.uploadAction(browser.get(page("sz-zhujian")).body());

        browser.upload(action, "<b onmouseover=alert(1)>x.csv", SampleSubmission.gov2019().bytes());
        String body = browser.get(page("sz-zhujian")).body();

        assertThat(body).doesNotContain("<b onmouseover").contains("&lt;b onmouseover=alert(1)&gt;x.csv");
    }

    @Test
    void an_xlsx_upload_moves_the_units_csv_to_the_store_so_the_folder_never_holds_two() throws IOException {
        java.nio.file.Path form = portal.folder.resolve("form.xlsx");
        var job = portal.context.getBean(PortalJob.Catalog.class).find(PortalFixture.JOB);
        var values = new java.util.HashMap<Integer, String>();
        SampleSubmission sample = SampleSubmission.gov2019();
        for (var cell : job.template().cells()) {
            values.put(cell.index(), sample.value(cell.table().code(), cell.row().code(), cell.column().code()));
        }
        new cn.zwgk.consolidator.submission.WorkbookForm(job.template()).write(form, values);
        byte[] csv = Files.readAllBytes(portal.submissions.resolve("sz-ziranziyuan.csv"));

        HttpResponse<String> response = portal.api("PUT", "/api/jobs/bozhou-2020/units/sz-ziranziyuan/submission?file=x.xlsx",
                "sz-ziranziyuan", Files.readAllBytes(form));

        assertThat(response.body()).contains("\"status\":\"accepted\"");
        assertThat(portal.submissions.resolve("sz-ziranziyuan.xlsx")).exists();
        assertThat(portal.submissions.resolve("sz-ziranziyuan.csv")).doesNotExist();
        try (var kept = Files.walk(portal.store)) {
            assertThat(kept.filter(Files::isRegularFile).filter(p -> p.toString().endsWith("sz-ziranziyuan.csv")))
                    .singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(csv));
        }
    }

    @Test
    void the_office_sees_every_unit_on_the_board_runs_the_job_and_opens_the_report() {
        var browser = portal.browser();
        browser.signIn("office");
        String board = browser.get("/jobs/bozhou-2020/board").body();
        assertThat(board).contains("谯城区人民政府").contains("立即汇总");

        HttpResponse<String> run = browser.post("/jobs/bozhou-2020/run", "_csrf=" + PortalFixture.csrf(board));
        String after = browser.get("/jobs/bozhou-2020/board").body();

        assertThat(run.statusCode()).isEqualTo(302);
        assertThat(after).contains("退出状态").contains("report.html");
        HttpResponse<String> report = browser.get("/jobs/bozhou-2020/outputs/report.html");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("行政复议");
        HttpResponse<String> draft = browser.get("/jobs/bozhou-2020/outputs/report.docx");
        assertThat(draft.statusCode()).isEqualTo(200);
        assertThat(draft.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                header -> assertThat(header).contains("report.docx"));
    }

    @Test
    void the_board_is_for_the_office_only() {
        var browser = portal.browser();
        browser.signIn("lixin");

        assertThat(browser.get("/jobs/bozhou-2020/board").statusCode()).isEqualTo(403);
    }

    @Test
    void outputs_are_offered_by_their_names_only() {
        var browser = portal.browser();
        browser.signIn("office");

        assertThat(browser.get("/jobs/bozhou-2020/outputs/..%2Fjob.yml").statusCode()).isIn(400, 404);
        assertThat(browser.get("/jobs/bozhou-2020/outputs/run.yml").statusCode()).isEqualTo(404);
    }

    @Test
    void sign_ins_are_in_the_audit_trail_with_the_address() {
        var browser = portal.browser();
        browser.signIn("sz-bangongshi");
        browser.signIn("sz-bangongshi", "wrong");

        var rows = portal.jdbc().queryForList("SELECT action, address FROM portal_audit WHERE user_name = 'sz-bangongshi'");

        assertThat(rows).extracting(row -> row.get("ACTION")).contains("sign-in", "sign-in-failed");
        assertThat(rows).allSatisfy(row -> assertThat((String) row.get("ADDRESS")).isNotBlank());
    }

    @Test
    void the_office_downloads_the_whole_audit_trail() {
        var unit = portal.browser();
        unit.signIn("sz-ziranziyuan", "wrong");
        var office = portal.browser();
        office.signIn("office");

        HttpResponse<String> trail = office.get("/audit.csv");

        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.body()).startsWith("\uFEFFtime,user,address,action,job,unit,detail")
                .contains("sz-ziranziyuan").contains("sign-in-failed");
    }

    @Test
    void a_unit_cannot_read_the_audit_trail() {
        var browser = portal.browser();
        browser.signIn("lixin");

        assertThat(browser.get("/audit.csv").statusCode()).isEqualTo(403);
    }

    @Test
    void a_unit_downloads_its_blank_form_as_csv_and_as_excel() {
        var browser = portal.browser();
        browser.signIn("lixin");

        HttpResponse<String> csv = browser.get(page("lixin") + "/blank.csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("table,row,column,value,label").contains("3,1,natural,,");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("lixin.csv");
        assertThat(browser.get(page("lixin") + "/blank.xlsx").statusCode()).isEqualTo(200);
        assertThat(browser.get(page("guoyang") + "/blank.csv").statusCode()).isEqualTo(403);
    }

    @Test
    void a_version_of_another_units_file_is_403_and_the_office_gets_it_as_sent() {
        byte[] sent = SampleSubmission.gov2019().plus("3", "1", "natural", 1).bytes();
        portal.api("PUT", "/api/jobs/bozhou-2020/units/sz-shichangjianguan/submission", "sz-shichangjianguan", sent);
        long id = portal.jdbc().queryForObject("SELECT MAX(upload_id) FROM portal_upload WHERE unit_code = 'sz-shichangjianguan'",
                Long.class);
        var unit = portal.browser();
        unit.signIn("guoyang");
        var office = portal.browser();
        office.signIn("office");

        assertThat(unit.get("/jobs/bozhou-2020/uploads/" + id).statusCode()).isEqualTo(403);
        HttpResponse<String> version = office.get("/jobs/bozhou-2020/uploads/" + id);
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(sent);
    }

    @Test
    void run_now_without_the_csrf_token_is_refused_and_runs_nothing() {
        var browser = portal.browser();
        browser.signIn("office");
        long before = portal.jdbc().queryForObject("SELECT COUNT(*) FROM portal_audit WHERE action = 'run'", Long.class);

        HttpResponse<String> response = browser.post("/jobs/bozhou-2020/run", "");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(portal.jdbc().queryForObject("SELECT COUNT(*) FROM portal_audit WHERE action = 'run'", Long.class))
                .isEqualTo(before);
    }
}

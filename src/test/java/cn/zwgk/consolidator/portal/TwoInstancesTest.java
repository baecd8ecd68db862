package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zwgk.consolidator.SampleSubmission;

/**
 * Two instances of the portal on one database and one folder, each seeing the folder under its own
 * path (a link, through serve's overrides), behave as one portal (issue 12): what is uploaded
 * through one is seen on the other, and a session begun on one is the session on the other.
 * TwoPortalsIT does the same with two processes of the jar on PostgreSQL behind nginx.
 */
class TwoInstancesTest {

    private static PortalFixture portal;
    private static ConfigurableApplicationContext second;
    private static String a;
    private static String b;
    private static Path view;

    @BeforeAll
    static void start() throws IOException {
        portal = new PortalFixture();
        view = Files.createTempDirectory("portal-view-").resolve("share");
        Files.createSymbolicLink(view, portal.folder);
        second = portal.anotherInstance(view);
        a = portal.base;
        b = PortalFixture.baseOf(second);
    }

    @AfterAll
    static void stop() throws IOException {
        if (second != null) {
            second.close();
        }
        if (portal != null) {
            portal.close();
        }
        if (view != null) {
            Files.deleteIfExists(view);
            Files.deleteIfExists(view.getParent());
        }
    }

    private static String page(String code) {
        return "/jobs/" + PortalFixture.JOB + "/units/" + code;
    }

    @Test
    void a_sign_in_through_one_instance_is_signed_in_on_the_other() {
        var browser = portal.browser();
        browser.at(a).signIn("guoyang");

        HttpResponse<String> onB = browser.at(b).get(page("guoyang"));

        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.body()).contains("涡阳县人民政府");
    }

    @Test
    void signing_out_on_one_instance_signs_out_on_both() {
        var browser = portal.browser();
        browser.at(a).signIn("lixin");
        String pageOnB = browser.at(b).get(page("lixin")).body();

        HttpResponse<String> signedOut = browser.at(b).post("/logout", "_csrf=" + PortalFixture.csrf(pageOnB));
        HttpResponse<String> onA = browser.at(a).get(page("lixin"));

        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("logout"));
        assertThat(onA.statusCode()).isEqualTo(302);
        assertThat(onA.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void the_findings_of_an_upload_through_one_instance_are_shown_by_the_other_after_the_redirect() {
        var browser = portal.browser();
        browser.at(a).signIn("sz-jiaoyu");
        String action = PortalFixture.uploadAction(browser.get(page("sz-jiaoyu")).body());
        browser.upload(action, "教育局.csv", SampleSubmission.gov2019().plus("3", "1", "natural", 1).bytes());

        // behind a round-robin proxy the page the redirect asks for may come from the other instance
        assertThat(browser.at(b).get(page("sz-jiaoyu")).body()).contains("未接收：文件有").contains("balance");
    }

    @Test
    void sessions_are_kept_in_the_database_and_expire_after_an_hour_unused_as_before() {
        var browser = portal.browser();
        browser.at(a).signIn("mengcheng");

        assertThat(portal.jdbc().queryForList(
                "SELECT MAX_INACTIVE_INTERVAL FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'mengcheng'", Integer.class))
                .containsExactly(3600);
    }

    @Test
    void an_upload_through_one_instance_is_seen_on_the_others_unit_page_board_and_api() {
        var browser = portal.browser();
        browser.at(a).signIn("qiaocheng");
        String action = PortalFixture.uploadAction(browser.get(page("qiaocheng")).body());
        byte[] file = SampleSubmission.gov2019().bytes();
        assertThat(portal.api("GET", "/api/jobs/" + PortalFixture.JOB + "/units/qiaocheng", "qiaocheng", null)
                .body()).contains("\"status\":\"missing\"");

        assertThat(browser.upload(action, "谯城区.csv", file).statusCode()).isEqualTo(302);

        assertThat(browser.at(b).get(page("qiaocheng")).body()).contains("已接收").contains("谯城区.csv");
        var office = portal.browser();
        office.at(b).signIn("office");
        String row = office.get("/jobs/" + PortalFixture.JOB + "/board").body();
        assertThat(row.substring(row.indexOf(page("qiaocheng")))).contains("已接收");
        String api = PortalFixture.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                b + "/api/jobs/" + PortalFixture.JOB + "/units/qiaocheng")).header("Authorization", basic("qiaocheng"))
                .GET().build(), portal.http).body();
        assertThat(api).contains("\"status\":\"accepted\"").contains(cn.zwgk.consolidator.common.Sha256.hex(file));
    }

    private static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + portal.passwords.get(user))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

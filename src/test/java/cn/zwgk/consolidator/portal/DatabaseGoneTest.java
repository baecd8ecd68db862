package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while the portal runs (its server stopped, the network cut): pages and
 * the API say so in Chinese with 503, rather than the web server's English error page or a
 * sign-in refused as if the password were wrong.
 */
class DatabaseGoneTest {

    private static PortalFixture portal;
    private static PortalFixture.Browser signedIn;

    @BeforeAll
    static void startThenLoseTheDatabase() throws IOException {
        portal = new PortalFixture();
        signedIn = portal.browser();
        signedIn.signIn("guoyang");
        assertThat(signedIn.get("/jobs/bozhou-2020/units/guoyang").statusCode()).isEqualTo(200);
        portal.jdbc().execute("SHUTDOWN");
    }

    @AfterAll
    static void stop() throws IOException {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void a_signed_in_users_page_is_503_in_chinese() {
        HttpResponse<String> page = signedIn.get("/jobs/bozhou-2020/units/guoyang");

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("数据库暂时无法连接");
    }

    @Test
    void the_sign_in_page_is_503_in_chinese() {
        HttpResponse<String> page = portal.browser().get("/login");

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("数据库暂时无法连接");
    }

    @Test
    void the_api_is_503_in_json_not_401() {
        HttpResponse<String> answer = portal.api("GET", "/api/jobs/bozhou-2020/units/guoyang", "guoyang", null);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).startsWith("{\"error\":").contains("数据库暂时无法连接");
    }
}

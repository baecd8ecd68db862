package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

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

    static java.util.stream.Stream<Throwable> faultsOfTheirOwn() {
        return java.util.stream.Stream.of(
                new DuplicateKeyException("duplicate key", new java.sql.SQLIntegrityConstraintViolationException("dup", "23505")),
                new DataIntegrityViolationException("not null"),
                new BadSqlGrammarException("select", "selct 1", new java.sql.SQLSyntaxErrorException("syntax", "42601")),
                new IllegalStateException("wrapped", new java.sql.SQLException("lock timeout", "HYT00")));
    }

    @ParameterizedTest
    @MethodSource("faultsOfTheirOwn")
    void a_fault_of_the_statement_is_not_told_as_the_database_gone(Throwable fault) {
        assertThat(DatabaseGone.causedByDatabase(new RuntimeException(fault))).isFalse();
    }

    static java.util.stream.Stream<Throwable> databaseUnreachable() {
        return java.util.stream.Stream.of(
                new CannotGetJdbcConnectionException("no connection", new java.sql.SQLTransientConnectionException("timeout")),
                new java.sql.SQLException("Connection refused", "08001"),
                new java.sql.SQLNonTransientConnectionException("closed", "90121"));
    }

    @ParameterizedTest
    @MethodSource("databaseUnreachable")
    void a_database_that_cannot_be_reached_is_told_so(Throwable fault) {
        assertThat(DatabaseGone.causedByDatabase(new RuntimeException(fault))).isTrue();
    }
}

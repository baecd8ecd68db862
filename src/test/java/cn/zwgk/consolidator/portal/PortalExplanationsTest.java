package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.zwgk.consolidator.JobRunner;
import cn.zwgk.consolidator.SampleSubmission;
import cn.zwgk.consolidator.output.OutputFolder;

/** The 说明 of warnings: given through the API and the page, kept while the warning recurs unchanged, carried into findings.csv. */
class PortalExplanationsTest {

    private static PortalFixture portal;

    @BeforeAll
    static void start() throws IOException {
        // a blank cell read as 0 is a warning the unit must explain
        portal = new PortalFixture(Map.of("blank-as-zero", "true"));
    }

    @AfterAll
    static void stop() throws IOException {
        portal.close();
    }

    private static byte[] withBlank(String column) {
        return SampleSubmission.gov2019().with("4", "review", column, "").plus("4", "review", "total",
                -SampleSubmission.gov2019().number("4", "review", column)).bytes();
    }

    private static byte[] explanation(String column, String text) {
        return ("[{\"rule\":\"empty-value\",\"table\":\"4\",\"row\":\"review\",\"column\":\"" + column
                + "\",\"text\":\"" + text + "\"}]").getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> put(String code, String path, byte[] body) {
        return portal.api("PUT", "/api/jobs/bozhou-2020/units/" + code + path, code, body);
    }

    @Test
    void a_unit_explains_its_warning_and_is_then_explained_in_the_status_list() {
        assertThat(put("guoyang", "/submission", withBlank("upheld")).body()).contains("\"status\":\"accepted\"")
                .contains("empty-value");
        assertThat(portal.api("GET", "/api/jobs/bozhou-2020/status", "office", null).body())
                .contains("\"code\":\"guoyang\"").containsPattern("\"code\":\"guoyang\"[^}]*\"explained\":false");

        HttpResponse<String> explained = portal.api("PUT", "/api/jobs/bozhou-2020/units/guoyang/explanations",
                "guoyang", explanation("upheld", "本年无复议维持案件，表中漏填"));

        assertThat(explained.statusCode()).isEqualTo(200);
        assertThat(explained.body()).contains("\"explained\":true").contains("本年无复议维持案件");
        assertThat(portal.api("GET", "/api/jobs/bozhou-2020/status", "office", null).body())
                .containsPattern("\"code\":\"guoyang\"[^}]*\"explained\":true");
    }

    @Test
    void an_explanation_of_a_warning_the_submission_has_not_is_refused() {
        put("lixin", "/submission", withBlank("upheld"));

        HttpResponse<String> response = portal.api("PUT", "/api/jobs/bozhou-2020/units/lixin/explanations", "lixin",
                explanation("corrected", "没有这条提示"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("没有这条提示");
    }

    @Test
    void another_unit_cannot_explain() {
        assertThat(portal.api("PUT", "/api/jobs/bozhou-2020/units/lixin/explanations", "mengcheng",
                explanation("upheld", "x")).statusCode()).isEqualTo(403);
    }

    @Test
    void a_later_upload_keeps_the_explanation_of_a_warning_that_recurs_unchanged() {
        put("sz-gongan", "/submission", withBlank("upheld"));
        put("sz-gongan", "/explanations", explanation("upheld", "说明一"));

        HttpResponse<String> again = put("sz-gongan", "/submission", withBlank("upheld"));
        HttpResponse<String> state = portal.api("GET", "/api/jobs/bozhou-2020/units/sz-gongan", "sz-gongan", null);

        assertThat(again.body()).contains("\"status\":\"accepted\"");
        assertThat(state.body()).contains("\"explained\":true").contains("说明一");
    }

    @Test
    void a_new_warning_after_an_upload_needs_its_own_explanation() {
        put("sz-jiaoyu", "/submission", withBlank("upheld"));
        put("sz-jiaoyu", "/explanations", explanation("upheld", "说明一"));

        put("sz-jiaoyu", "/submission", withBlank("corrected"));

        assertThat(portal.api("GET", "/api/jobs/bozhou-2020/units/sz-jiaoyu", "sz-jiaoyu", null).body())
                .contains("\"explained\":false").doesNotContain("说明一");
    }

    @Test
    void the_unit_page_offers_a_form_for_each_warning_and_saves_it() {
        put("sz-weijian", "/submission", withBlank("upheld"));
        var browser = portal.browser();
        browser.signIn("sz-weijian");
        String page = browser.get("/jobs/bozhou-2020/units/sz-weijian").body();
        assertThat(page).contains("尚未说明");

        HttpResponse<String> saved = browser.post("/jobs/bozhou-2020/units/sz-weijian/explanations",
                "rule=empty-value&table=4&row=review&column=upheld&text=%E6%BC%8F%E5%A1%AB&_csrf=" + PortalFixture.csrf(page));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(browser.get("/jobs/bozhou-2020/units/sz-weijian").body()).contains("漏填").doesNotContain("尚未说明");
    }

    @Test
    void the_run_writes_the_explanation_into_findings_csv() {
        put("sz-renshe", "/submission", withBlank("upheld"));
        put("sz-renshe", "/explanations", explanation("upheld", "见附件说明"));

        HttpResponse<String> run = portal.api("POST", "/api/jobs/bozhou-2020/runs", "office", null);

        assertThat(run.body()).containsPattern("\"exit\":[03]");
        List<Map<String, String>> findings = JobRunner.readCsv(portal.output.resolve("findings.csv"));
        assertThat(findings).filteredOn(line -> line.get("unit").equals("sz-renshe"))
                .extracting(line -> line.get("explanation")).containsExactly("见附件说明");
    }

    @Test
    void a_说明_stored_after_a_run_keeps_the_next_rerun_from_answering_without_the_database() {
        put("sz-jiaoyu", "/submission", withBlank("upheld"));
        assertThat(portal.api("POST", "/api/jobs/bozhou-2020/runs", "office", null).body()).containsPattern("\"exit\":[03]");
        Path note = OutputFolder.workFolderOf(portal.output).resolve(OutputFolder.EXPLANATIONS_CHANGED);
        assertThat(note).doesNotExist();

        put("sz-jiaoyu", "/explanations", explanation("upheld", "本年无此类案件"));

        assertThat(note).exists();
    }

    @Test
    void report_html_shows_the_explanation_beside_its_warning() throws IOException {
        put("sz-shengtai", "/submission", withBlank("upheld"));
        put("sz-shengtai", "/explanations", explanation("upheld", "本局无此类案件"));

        portal.api("POST", "/api/jobs/bozhou-2020/runs", "office", null);

        assertThat(java.nio.file.Files.readString(portal.output.resolve("report.html"))).contains("说明：本局无此类案件");
    }

    @Test
    void the_board_marks_a_unit_with_an_unexplained_warning() {
        put("sz-zhujian", "/submission", withBlank("upheld"));
        var browser = portal.browser();
        browser.signIn("office");

        String board = browser.get("/jobs/bozhou-2020/board").body();

        assertThat(board).containsPattern("sz-zhujian(?s:.)*?未说明");
    }
}

package cn.zwgk.consolidator.portal;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zwgk.consolidator.registry.Unit;
import cn.zwgk.consolidator.submission.CheckedSubmission;
import cn.zwgk.consolidator.common.Finding;

/** The JSON API of SPEC section 8, for scripts and the units' own systems (HTTP Basic). */
@RestController
@RequestMapping("/api/jobs/{job}")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PortalApi {

    private final PortalJob.Catalog catalog;
    private final UploadDesk desk;
    private final UnitStates states;
    private final UploadHistory history;
    private final PortalRuns runs;
    private final Explanations explanations;
    private final AuditTrail audit;

    public PortalApi(PortalJob.Catalog catalog, UploadDesk desk, UnitStates states, UploadHistory history,
            PortalRuns runs, Explanations explanations, AuditTrail audit) {
        this.explanations = explanations;
        this.audit = audit;
        this.catalog = catalog;
        this.desk = desk;
        this.states = states;
        this.history = history;
        this.runs = runs;
    }

    @PutMapping("/units/{code}/submission")
    public Map<String, Object> submit(@PathVariable("job") String jobName, @PathVariable("code") String code,
            @RequestParam(name = "file", required = false) String file, HttpServletRequest request,
            Authentication user) throws IOException {
        PortalJob job = Access.job(catalog, jobName);
        Unit unit = Access.unit(job, code, user);
        UploadDesk.Received received = desk.receive(job, unit, file, request.getInputStream(), user.getName(),
                request.getRemoteAddr());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("unit", unit.code());
        json.put("status", received.checked().status().code());
        json.put("sha256", received.checked().sha256());
        json.put("findings", findings(received.checked()));
        return json;
    }

    @GetMapping("/units/{code}")
    public Map<String, Object> unit(@PathVariable("job") String jobName, @PathVariable("code") String code,
            Authentication user) {
        PortalJob job = Access.job(catalog, jobName);
        Unit unit = Access.unit(job, code, user);
        UnitStates.State state = states.of(job, unit);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("unit", unit.code());
        json.put("name", unit.name());
        json.put("group", unit.group());
        json.put("status", state.checked().status().code());
        json.put("sha256", state.checked().sha256());
        json.put("uploaded_at", uploadedAt(job, unit, state));
        json.put("findings", findings(state.checked(), explanations.of(job.name(), unit.code(),
                state.checked().findings())));
        json.put("explained", explanations.explained(job.name(), unit.code(), state.checked().findings()));
        return json;
    }

    /** The 说明 of warnings of the unit's current submission: the unit's own words, so the unit's only. */
    @PutMapping("/units/{code}/explanations")
    public Map<String, Object> explain(@PathVariable("job") String jobName, @PathVariable("code") String code,
            @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] content,
            Authentication user, HttpServletRequest request) {
        PortalJob job = Access.job(catalog, jobName);
        Unit unit = Access.unit(job, code, user);
        if (!user.getName().equals(unit.code())) {
            throw new PortalException(403, "说明由报送单位本身填写 (only the unit explains its warnings)");
        }
        List<Explanations.Given> given = new ArrayList<>();
        for (Map<String, Object> item : explanationsIn(content)) {
            given.add(new Explanations.Given(new Explanations.Key(text(item, "rule"), text(item, "table"),
                    text(item, "row"), text(item, "column")), item.get("text") instanceof String text ? text : null));
        }
        UnitStates.State state = states.of(job, unit);
        explanations.save(job.name(), job.definition().output(), unit.code(), state.checked().findings(), given, user.getName());
        audit.record(user.getName(), request.getRemoteAddr(), "explanation", job.name(), unit.code(),
                given.size() + " 条说明");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("unit", unit.code());
        json.put("explained", explanations.explained(job.name(), unit.code(), state.checked().findings()));
        json.put("findings", findings(state.checked(), explanations.of(job.name(), unit.code(),
                state.checked().findings())));
        return json;
    }

    /** The body as JSON whatever Content-Type the script sent: a list of objects. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> explanationsIn(byte[] content) {
        try {
            Object parsed = JSON.readValue(content == null ? new byte[0] : content, Object.class);
            if (parsed instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
                return (List<Map<String, Object>>) parsed;
            }
        } catch (tools.jackson.core.JacksonException e) {
            // said below
        }
        throw new PortalException(400, "请求内容应为 JSON 数组 [{\"rule\",\"table\",\"row\",\"column\",\"text\"}] (expected a JSON array)");
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    private static String text(Map<String, Object> item, String key) {
        return item.get(key) == null ? "" : item.get(key).toString();
    }

    @GetMapping("/status")
    public List<Map<String, Object>> status(@PathVariable("job") String jobName, Authentication user) {
        Access.requireOffice(user);
        PortalJob job = Access.job(catalog, jobName);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (UnitStates.State state : states.all(job)) {
            CheckedSubmission checked = state.checked();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("code", state.entry().code());
            json.put("name", state.entry().unit() == null ? null : state.entry().unit().name());
            json.put("group", state.entry().unit() == null ? null : state.entry().unit().group());
            json.put("status", checked.status().code());
            json.put("errors", checked.errors());
            json.put("warnings", checked.warnings());
            json.put("file", state.entry().file());
            json.put("sha256", checked.sha256());
            json.put("explained", state.entry().unit() == null || explanations.explained(job.name(),
                    state.entry().code(), checked.findings()));
            lines.add(json);
        }
        return lines;
    }

    @PostMapping("/runs")
    public Map<String, Object> run(@PathVariable("job") String jobName, Authentication user,
            HttpServletRequest request) {
        Access.requireOffice(user);
        PortalJob job = Access.job(catalog, jobName);
        PortalRuns.Outcome outcome = runs.runNow(job, user.getName(), request.getRemoteAddr());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", outcome.run());
        json.put("exit", outcome.exit());
        json.put("message", outcome.message());
        return json;
    }

    @ExceptionHandler(PortalException.class)
    ResponseEntity<Map<String, String>> refused(PortalException e) {
        return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
    }

    private String uploadedAt(PortalJob job, Unit unit, UnitStates.State state) {
        if (state.checked().sha256() == null) {
            return state.fileTime() == null ? null : state.fileTime().withNano(0).toString();
        }
        LocalDateTime at = history.of(job.name(), unit.code()).stream()
                .filter(upload -> upload.sha256().equals(state.checked().sha256()) && !upload.status().equals("replaced"))
                .map(UploadHistory.Upload::uploadedAt).findFirst().orElse(state.fileTime());
        return at == null ? null : at.withNano(0).toString();
    }

    static List<Map<String, Object>> findings(CheckedSubmission checked) {
        return findings(checked, Map.of());
    }

    /** With each warning's 说明 (null when it has none). */
    static List<Map<String, Object>> findings(CheckedSubmission checked, Map<Explanations.Key, String> explained) {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding finding : checked.findings()) {
            Map<String, Object> json = UnitStates.json(finding);
            if (!finding.isError()) {
                json.put("explanation", explained.get(Explanations.Key.of(finding)));
            }
            findings.add(json);
        }
        return findings;
    }
}

package cn.zwgk.consolidator.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.zwgk.consolidator.common.SpreadsheetText;
import cn.zwgk.consolidator.common.SubmissionStatus;
import cn.zwgk.consolidator.output.CsvOutput;
import cn.zwgk.consolidator.registry.Unit;
import cn.zwgk.consolidator.submission.WorkbookForm;
import cn.zwgk.consolidator.template.ReportValues;

/** The portal's pages: sign-in, a unit's page, the office's board. Every text goes through Thymeleaf's escaping. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PortalPages {

    /** The outputs the board offers, by the only names it accepts. */
    static final List<String> OUTPUTS = List.of("report.html", "report.xlsx", "report.docx", "consolidated.csv",
            "status.csv", "findings.csv");

    private final PortalJob.Catalog catalog;
    private final PortalSetup setup;
    private final UploadDesk desk;
    private final UnitStates states;
    private final UploadHistory history;
    private final PortalRuns runs;
    private final AuditTrail audit;
    private final JdbcTemplate jdbc;
    private final Explanations explanations;

    public PortalPages(PortalSetup setup, UploadDesk desk, UnitStates states, UploadHistory history, PortalRuns runs,
            AuditTrail audit, JdbcTemplate jdbc, Explanations explanations) {
        this.explanations = explanations;
        this.catalog = setup.catalog();
        this.setup = setup;
        this.desk = desk;
        this.states = states;
        this.history = history;
        this.runs = runs;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** The user's home: the office's board, or the unit's own page (of the first job that lists it). */
    @GetMapping("/")
    String home(Authentication user, Model model) {
        List<PortalJob> jobs = new ArrayList<>(catalog.jobs().values());
        model.addAttribute("office", Access.isOffice(user));
        model.addAttribute("user", user.getName());
        if (Access.isOffice(user)) {
            if (jobs.size() == 1) {
                return "redirect:/jobs/" + jobs.get(0).name() + "/board";
            }
            model.addAttribute("jobs", jobs);
            return "jobs";
        }
        List<PortalJob> own = jobs.stream().filter(job -> job.registry().find(user.getName()) != null).toList();
        if (own.size() == 1) {
            return "redirect:/jobs/" + own.get(0).name() + "/units/" + user.getName();
        }
        model.addAttribute("jobs", own);
        return "jobs";
    }

    @GetMapping("/jobs/{job}/units/{code}")
    String unit(@PathVariable("job") String jobName, @PathVariable("code") String code, Authentication user,
            Model model) {
        PortalJob job = Access.job(catalog, jobName);
        Unit unit = Access.unit(job, code, user);
        UnitStates.State state = states.of(job, unit);
        model.addAttribute("job", job);
        model.addAttribute("unit", unit);
        model.addAttribute("state", state);
        model.addAttribute("statusWord", statusWord(state));
        Map<Explanations.Key, String> explained = explanations.of(job.name(), unit.code(), state.checked().findings());
        List<Map<String, Object>> findings = new ArrayList<>();
        for (var finding : state.checked().findings()) {
            Map<String, Object> line = new LinkedHashMap<>();
            Explanations.Key key = Explanations.Key.of(finding);
            line.put("finding", finding);
            line.put("key", key);
            line.put("warning", !finding.isError());
            line.put("explanation", explained.get(key));
            findings.add(line);
        }
        model.addAttribute("findings", findings);
        model.addAttribute("mayExplain", user.getName().equals(unit.code()));
        model.addAttribute("history", history.of(job.name(), unit.code()));
        model.addAttribute("office", Access.isOffice(user));
        model.addAttribute("maxKiB", job.definition().maxFileSize() / 1024);
        model.addAttribute("carryOver", job.definition().previous() != null);
        return "unit";
    }

    @PostMapping("/jobs/{job}/units/{code}/upload")
    String upload(@PathVariable("job") String jobName, @PathVariable("code") String code,
            @RequestParam(name = "file", required = false) MultipartFile file, Authentication user,
            HttpServletRequest request, RedirectAttributes redirect) throws IOException {
        PortalJob job = Access.job(catalog, jobName);
        Unit unit = Access.unit(job, code, user);
        if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
            throw new PortalException(400, "请先选择要上传的文件 (no file chosen)");
        }
        if (file.getSize() > job.definition().maxFileSize()) {
            throw PortalException.tooLarge(job.definition().maxFileSize());
        }
        UploadDesk.Received received = desk.receive(job, unit, file.getOriginalFilename(), file.getInputStream(),
                user.getName(), request.getRemoteAddr());
        redirect.addFlashAttribute("uploaded", received.accepted()
                ? "已接收：文件检查通过，已作为本单位的报送文件" + (received.checked().warnings() > 0
                        ? "；有 " + received.checked().warnings() + " 条提示，请核实并填写说明" : "")
                : "未接收：文件有 " + received.checked().errors() + " 处错误，请修改后重新上传；本单位当前的报送文件未被替换");
        redirect.addFlashAttribute("uploadAccepted", received.accepted());
        redirect.addFlashAttribute("uploadFindings", received.accepted() ? List.of() : received.checked().findings());
        return "redirect:/jobs/" + job.name() + "/units/" + unit.code();
    }

    @PostMapping("/jobs/{job}/units/{code}/explanations")
    String explain(@PathVariable("job") String jobName, @PathVariable("code") String code,
            @RequestParam("rule") String rule, @RequestParam(name = "table", defaultValue = "") String table,
            @RequestParam(name = "row", defaultValue = "") String row,
            @RequestParam(name = "column", defaultValue = "") String column,
            @RequestParam(name = "text", defaultValue = "") String text, Authentication user,
            HttpServletRequest request, RedirectAttributes redirect) {
        PortalJob job = Access.job(catalog, jobName);
        Unit unit = Access.unit(job, code, user);
        if (!user.getName().equals(unit.code())) {
            throw new PortalException(403, "说明由报送单位本身填写 (only the unit explains its warnings)");
        }
        UnitStates.State state = states.of(job, unit);
        explanations.save(job.name(), job.definition().output(), unit.code(), state.checked().findings(),
                List.of(new Explanations.Given(new Explanations.Key(rule, table, row, column), text)), user.getName());
        audit.record(user.getName(), request.getRemoteAddr(), "explanation", job.name(), unit.code(), rule);
        redirect.addFlashAttribute("explainedNow", "说明已保存");
        return "redirect:/jobs/" + job.name() + "/units/" + unit.code();
    }

    /** The blank form, with last year's carry-over when the job names last year's output. */
    @GetMapping("/jobs/{job}/units/{code}/blank.{kind}")
    ResponseEntity<byte[]> blank(@PathVariable("job") String jobName, @PathVariable("code") String code,
            @PathVariable("kind") String kind, Authentication user) throws IOException {
        PortalJob job = Access.job(catalog, jobName);
        Unit unit = Access.unit(job, code, user);
        if (!kind.equals("csv") && !kind.equals("xlsx")) {
            throw PortalException.notFound("空白报表只有 CSV 和 Excel 两种 (unknown form)");
        }
        ReportValues lastYear = job.lastYear(unit.code());
        Map<Integer, String> given = lastYear == null ? Map.of() : setup.carriedIn().apply(job.template(), lastYear);
        Path scratch = Files.createTempDirectory("consolidator-blank-");
        Path file = scratch.resolve(unit.code() + "." + kind);
        try {
            if (kind.equals("xlsx")) {
                new WorkbookForm(job.template()).write(file, given);
            } else {
                CsvOutput.writeBlank(file, job.template(), given);
            }
            return download(Files.readAllBytes(file), unit.code() + "." + kind);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(scratch);
        }
    }

    /** One version of a unit's file, as it was sent. */
    @GetMapping("/jobs/{job}/uploads/{id}")
    ResponseEntity<byte[]> version(@PathVariable("job") String jobName, @PathVariable("id") long id,
            Authentication user) {
        PortalJob job = Access.job(catalog, jobName);
        UploadHistory.Upload upload = history.find(id);
        if (upload == null || !upload.job().equals(job.name())) {
            throw PortalException.notFound("没有这个文件版本 (no such version)");
        }
        Access.unit(job, upload.unit(), user);
        return download(history.content(id), upload.storedAs());
    }

    @GetMapping("/jobs/{job}/board")
    String board(@PathVariable("job") String jobName, Authentication user, Model model) {
        Access.requireOffice(user);
        PortalJob job = Access.job(catalog, jobName);
        List<UnitStates.State> all = states.all(job);
        Map<String, java.time.LocalDateTime> lastUploads = history.lastUploads(job.name());
        List<Map<String, Object>> lines = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SubmissionStatus status : SubmissionStatus.values()) {
            counts.put(status.word(), 0L);
        }
        for (UnitStates.State state : all) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("code", state.entry().code());
            line.put("name", state.entry().unit() == null ? "" : state.entry().unit().name());
            line.put("group", state.entry().unit() == null || state.entry().unit().group() == null ? ""
                    : state.entry().unit().group());
            line.put("status", state.checked().status().code());
            line.put("statusWord", state.checked().status().word());
            line.put("errors", state.checked().errors());
            line.put("warnings", state.checked().warnings());
            line.put("file", state.entry().file() == null ? "" : state.entry().file());
            line.put("lastUpload", lastUploads.get(state.entry().code()));
            line.put("registered", state.entry().unit() != null);
            line.put("explained", state.entry().unit() == null || explanations.explained(job.name(),
                    state.entry().code(), state.checked().findings()));
            lines.add(line);
            counts.merge(state.checked().status().word(), 1L, Long::sum);
        }
        model.addAttribute("job", job);
        model.addAttribute("lines", lines);
        model.addAttribute("counts", counts);
        model.addAttribute("outputs", OUTPUTS.stream()
                .filter(name -> Files.isRegularFile(job.definition().output().resolve(name))).toList());
        model.addAttribute("runs", jdbc.queryForList("SELECT run_id, started_at, finished_at, outcome, units_accepted,"
                + " units_rejected, units_missing, units_unknown FROM consolidation_run WHERE job_name = ?"
                + " ORDER BY run_id DESC FETCH FIRST 20 ROWS ONLY", job.name()));
        model.addAttribute("audit", audit.latest(50));
        return "board";
    }

    @PostMapping("/jobs/{job}/run")
    String run(@PathVariable("job") String jobName, Authentication user, HttpServletRequest request,
            RedirectAttributes redirect) {
        Access.requireOffice(user);
        PortalJob job = Access.job(catalog, jobName);
        PortalRuns.Outcome outcome = runs.runNow(job, user.getName(), request.getRemoteAddr());
        redirect.addFlashAttribute("runExit", outcome.exit());
        redirect.addFlashAttribute("runWords", RunWords.of(outcome.exit()));
        redirect.addFlashAttribute("runMessage", outcome.message());
        return "redirect:/jobs/" + job.name() + "/board";
    }

    /** The latest outputs, by a name of {@link #OUTPUTS} only: nothing the browser sends becomes a path. */
    @GetMapping("/jobs/{job}/outputs/{name}")
    ResponseEntity<byte[]> output(@PathVariable("job") String jobName, @PathVariable("name") String name,
            Authentication user) throws IOException {
        Access.requireOffice(user);
        PortalJob job = Access.job(catalog, jobName);
        String known = OUTPUTS.stream().filter(name::equals).findFirst()
                .orElseThrow(() -> PortalException.notFound("没有这个输出文件 (no such output)"));
        Path file = job.definition().output().resolve(known);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw PortalException.notFound("还没有输出 " + known + "：请先运行汇总 (no output yet)");
        }
        byte[] content = Files.readAllBytes(file);
        if (known.equals("report.html")) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8")).body(content);
        }
        return download(content, known);
    }

    @ExceptionHandler(PortalException.class)
    static String refused(PortalException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status());
        model.addAttribute("status", e.status());
        model.addAttribute("message", e.getMessage());
        return "refused";
    }

    /** The whole audit trail for the office, as CSV that Excel and WPS open (UTF-8 with a BOM). */
    @GetMapping("/audit.csv")
    ResponseEntity<byte[]> auditTrail(Authentication user) throws IOException {
        Access.requireOffice(user);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(writer,
                        CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            writer.write('\uFEFF');
            csv.printRecord("time", "user", "address", "action", "job", "unit", "detail");
            IOException[] failure = new IOException[1];
            audit.each(entry -> {
                try {
                    csv.printRecord(entry.at().toString(), SpreadsheetText.neutralise(entry.user()),
                            entry.address(), entry.action(), entry.job(), entry.unit(),
                            SpreadsheetText.neutralise(entry.detail()));
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        return download(bytes.toByteArray(), "audit.csv");
    }

    private static ResponseEntity<byte[]> download(byte[] content, String name) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name,
                        StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(content);
    }

    private static String statusWord(UnitStates.State state) {
        return switch (state.checked().status()) {
            case ACCEPTED -> state.checked().warnings() > 0 ? "已接收（有 " + state.checked().warnings() + " 条提示，请核实并说明）"
                    : "已接收：报表检查通过，将计入汇总";
            case REJECTED -> "被退回：有 " + state.checked().errors() + " 处错误，请修改后重新上传";
            case MISSING -> "未报送：还没有收到本单位的报表";
            case UNKNOWN -> "无法识别";
        };
    }
}

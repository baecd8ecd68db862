package cn.zwgk.consolidator.portal;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors that arise before any of the portal's controllers (an upload over the limit while its
 * parts are read, a path that exists nowhere): said in Chinese, as JSON {@code {"error": …}} under
 * {@code /api}, as a page elsewhere; never a stack trace.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PortalErrors implements ErrorController {

    private final PortalJob.Catalog catalog;

    public PortalErrors(PortalJob.Catalog catalog) {
        this.catalog = catalog;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String message = message(status);
        if (uri instanceof String path && path.startsWith("/api/")) {
            return ResponseEntity.status(status).body(Map.of("error", message));
        }
        return PortalPages.refused(new PortalException(status, message), response, model);
    }

    private String message(int status) {
        return switch (status) {
            case 400 -> "请求无法识别 (bad request)";
            case 401 -> "需要登录 (sign-in required)";
            case 403 -> "无权访问，或页面已过期（请刷新页面后重试）(forbidden)";
            case 404 -> "没有这个页面或数据 (not found)";
            case 405 -> "不支持这种请求方式 (method not allowed)";
            case 413 -> PortalException.tooLarge(catalog.jobs().values().stream()
                    .mapToLong(job -> job.definition().maxFileSize()).max().orElse(0)).getMessage();
            default -> "服务器内部错误，详情见日志 data/consolidator.log (internal error)";
        };
    }
}

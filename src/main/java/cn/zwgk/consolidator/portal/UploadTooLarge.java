package cn.zwgk.consolidator.portal;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A form upload over the limit is stopped while its parts are read, before any controller: the
 * page says so in Chinese, with 413, and nothing of it is kept.
 */
@ControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class UploadTooLarge {

    private final PortalJob.Catalog catalog;

    public UploadTooLarge(PortalJob.Catalog catalog) {
        this.catalog = catalog;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletResponse response, Model model) {
        long most = catalog.jobs().values().stream().mapToLong(job -> job.definition().maxFileSize()).max().orElse(0);
        return PortalPages.refused(PortalException.tooLarge(most), response, model);
    }
}

package cn.zwgk.consolidator.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the database cannot be reached, every page and the API answer {@code 503} with one sentence
 * in Chinese, instead of the web server's English error page: sessions, sign-ins and the unit's
 * history all live in the database, so nothing can be served without it. It sits before Spring
 * Session's filter, which is the first to need the database.
 */
public final class DatabaseGone extends OncePerRequestFilter {

    static final String MESSAGE = "数据库暂时无法连接，请稍后再试；已上传的文件和登录状态不会丢失 (database unavailable)";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGone.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (!causedByDatabase(e) || response.isCommitted()) {
                throw e;
            }
            LOG.warn("数据库无法访问 (database unavailable): {}", request.getRequestURI(), e);
            answer(request, response);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /**
     * Only a database that cannot be reached: a duplicate key or a bad statement is a fault of its
     * own, which must not be told to users as "the database is down".
     */
    static boolean causedByDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.reset();
        if (request.getRequestURI().startsWith("/api/")) {
            PortalSecurity.json(response, 503, MESSAGE);
            return;
        }
        response.setStatus(503);
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
                + "<title>暂时无法访问</title></head><body><h1>暂时无法访问 503</h1><p id=\"message\">" + MESSAGE
                + "</p></body></html>").getBytes(StandardCharsets.UTF_8));
    }
}

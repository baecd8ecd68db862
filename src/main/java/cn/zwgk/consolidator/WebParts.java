package cn.zwgk.consolidator;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * The web server, Spring MVC, Spring Security, Spring Session, Thymeleaf's Spring integration and JSON are for
 * {@code serve} only: a command-line run leaves their auto-configuration out, so that it starts
 * as fast as before the portal existed (docs/performance.md).
 */
final class WebParts {

    private static final String[] PORTAL_ONLY = {"org.springframework.boot.security.", "org.springframework.boot.webmvc.",
        "org.springframework.boot.tomcat.", "org.springframework.boot.servlet.", "org.springframework.boot.web.server.",
        "org.springframework.boot.thymeleaf.", "org.springframework.boot.jackson.",
        "org.springframework.boot.http.converter.", "org.springframework.boot.session."};

    private WebParts() {
    }

    /**
     * Default properties for a context without the portal. Spring Boot's background warm-up of
     * JSON, Tomcat and message converters is also left out: on a busy two-core machine it costs a
     * command-line run CPU time for parts it never uses (docs/performance.md).
     */
    static Map<String, Object> leftOut() {
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        String excluded = StreamSupport.stream(ImportCandidates.load(AutoConfiguration.class,
                WebParts.class.getClassLoader()).spliterator(), false)
                .filter(name -> java.util.Arrays.stream(PORTAL_ONLY).anyMatch(name::startsWith))
                .collect(Collectors.joining(","));
        return Map.of("spring.autoconfigure.exclude", excluded);
    }
}

package cn.zwgk.consolidator;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
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

    /** Spring Boot's background warm-up; its class is not public. */
    static final String WARM_UP = "org.springframework.boot.autoconfigure.preinitialize."
            + "BackgroundPreinitializingApplicationListener";

    private WebParts() {
    }

    /**
     * The application of a command-line run (the job, {@code accounts}): no banner, no web parts, and
     * without Spring Boot's background warm-up, which would prepare JSON (Jackson 2 and 3), Tomcat and
     * message converters that such a run never uses, spending the second core's CPU on a two-core
     * machine (docs/performance.md). The warm-up is taken out of the application's listeners: the
     * system property that also turns it off is read when the builder is made, too early to set it here.
     */
    static SpringApplicationBuilder commandLineApplication() {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(ConsolidatorApplication.class)
                // named, not guessed from the call stack: the context Spring AOT generated is found by it
                // (ConsolidatorApplication__ApplicationContextInitializer), also when a test calls run()
                .main(ConsolidatorApplication.class)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(leftOut());
        SpringApplication application = builder.application();
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !listener.getClass().getName().equals(WARM_UP))
                .toList());
        return builder;
    }

    /** Default properties for a context without the portal. */
    static Map<String, Object> leftOut() {
        String excluded = StreamSupport.stream(ImportCandidates.load(AutoConfiguration.class,
                WebParts.class.getClassLoader()).spliterator(), false)
                .filter(name -> java.util.Arrays.stream(PORTAL_ONLY).anyMatch(name::startsWith))
                .collect(Collectors.joining(","));
        return Map.of("spring.autoconfigure.exclude", excluded);
    }
}

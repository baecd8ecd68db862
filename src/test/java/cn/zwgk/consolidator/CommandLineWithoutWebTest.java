package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zwgk.consolidator.job.ConsolidationLauncher;
import cn.zwgk.consolidator.portal.PortalApi;

/** The command-line job starts the application it always did: no web server, none of the portal's parts. */
class CommandLineWithoutWebTest {

    @Test
    void the_jobs_application_has_no_web_server_and_no_portal() {
        Arguments.Job job = new Arguments.Job("jobs/bozhou-2020.yml", Map.of(), false, null,
                List.of("--spring.datasource.url=jdbc:h2:mem:noweb-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));

        try (ConfigurableApplicationContext context = ConsolidatorApplication.start(job)) {
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBeansOfType(PortalApi.class)).isEmpty();
            assertThat(context.getBeanNamesForType(org.springframework.security.web.SecurityFilterChain.class)).isEmpty();
            assertThat(context.getBeanNamesForType(org.springframework.session.SessionRepository.class)).isEmpty();
            assertThat(context.getBean(ConsolidationLauncher.class)).isNotNull();
        }
    }

    /**
     * Spring Boot's background warm-up (JSON, Tomcat, message converters) is left out of a
     * command-line run; a plain Spring application of the same class still has it, so that this
     * test would see it come back.
     */
    @Test
    void the_command_lines_application_has_no_background_warm_up() {
        assertThat(new SpringApplication(ConsolidatorApplication.class).getListeners())
                .anyMatch(listener -> listener.getClass().getName().equals(WebParts.WARM_UP));

        assertThat(WebParts.commandLineApplication().application().getListeners())
                .isNotEmpty()
                .noneMatch(listener -> listener.getClass().getName().equals(WebParts.WARM_UP));
    }
}

package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The nginx configuration the README shows is the one TwoPortalsIT runs. */
class DeploymentDocsTest {

    @Test
    void the_readme_quotes_the_nginx_configuration_the_cluster_test_runs() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String conf = Files.readString(Path.of("docs/deployment/nginx.conf"), StandardCharsets.UTF_8).strip();

        assertThat(readme).contains("```nginx\n" + conf + "\n```");
    }
}

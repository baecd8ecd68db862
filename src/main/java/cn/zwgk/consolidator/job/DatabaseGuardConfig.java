package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Puts {@link DatabaseGuard} in front of the database: the H2 file is checked read-only before the
 * first connection, and any database is checked to be this program's before Flyway migrates it.
 */
@Configuration
public class DatabaseGuardConfig {

    /** The file names of this program's migrations, as Flyway's history records them. */
    static Set<String> ourMigrations() {
        Set<String> names = new TreeSet<>();
        try {
            for (Resource script : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:db/migration/**/*.sql")) {
                names.add(script.getFilename());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Static, so that it is in place before the data source is made. */
    @Bean
    static BeanPostProcessor damagedDatabaseFileGuard() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource dataSource) {
                    DatabaseGuard.checkH2File(dataSource.getJdbcUrl(), dataSource.getUsername(),
                            dataSource.getPassword(), ourMigrations());
                }
                return bean;
            }
        };
    }

    @Bean
    FlywayMigrationStrategy migrateOnlyOurDatabase() {
        return flyway -> {
            try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
                DatabaseGuard.checkOurs(connection, ourMigrations());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            flyway.migrate();
        };
    }
}

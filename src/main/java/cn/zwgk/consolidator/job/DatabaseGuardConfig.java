package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Puts {@link DatabaseGuard} in front of the database: the H2 file is checked read-only before the
 * first connection, and any database is checked to be this program's before Flyway migrates it.
 */
@org.springframework.context.annotation.Configuration
public class DatabaseGuardConfig {

    static final String SCHEMA_CURRENT = "数据库表结构已是最新";

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
            Configuration configuration = flyway.getConfiguration();
            try (Connection connection = configuration.getDataSource().getConnection()) {
                DatabaseGuard.checkOurs(connection, ourMigrations());
                Map<String, Integer> scripts = scriptsFor(configuration);
                if (scripts != null && DatabaseGuard.isCurrent(connection, configuration.getTable(), scripts)) {
                    // nothing to migrate, and the history agrees with every script: Flyway's own start
                    // (its plugins, Jackson, scanning, locking the history) would only say so again
                    org.slf4j.LoggerFactory.getLogger(DatabaseGuardConfig.class)
                            .info(SCHEMA_CURRENT + " (schema up to date, Flyway not started)");
                    return;
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            flyway.migrate();
        };
    }

    /**
     * The SQL migrations Flyway would apply, by script name, with Flyway's checksum; null when
     * Flyway is set up in a way this check does not follow (another schema, a target, callbacks,
     * scripts outside the class path, repeatable or callback scripts, Java migrations or resolvers), so that Flyway decides as always.
     */
    static Map<String, Integer> scriptsFor(Configuration configuration) {
        if (configuration.getSchemas().length > 0 || configuration.getDefaultSchema() != null
                || !MigrationVersion.LATEST.equals(configuration.getTarget()) || configuration.getCallbacks().length > 0
                || configuration.isBaselineOnMigrate() || configuration.getSqlMigrationSuffixes().length != 1
                || configuration.getJavaMigrations().length > 0 || configuration.getResolvers().length > 0) {
            return null;
        }
        String suffix = configuration.getSqlMigrationSuffixes()[0];
        String versioned = configuration.getSqlMigrationPrefix();
        Map<String, Integer> scripts = new TreeMap<>();
        try {
            for (Location location : configuration.getLocations()) {
                if (!location.isClassPath()) {
                    return null;
                }
                for (Resource script : new PathMatchingResourcePatternResolver(configuration.getClassLoader())
                        .getResources("classpath*:" + location.getRootPath() + "/**/*" + suffix)) {
                    String name = script.getFilename();
                    if (name == null || !name.startsWith(versioned)
                            || !name.contains(configuration.getSqlMigrationSeparator())) {
                        return null;
                    }
                    try (InputStream in = script.getInputStream()) {
                        if (scripts.put(name, DatabaseGuard.flywayChecksum(in, configuration.getEncoding())) != null) {
                            return null;
                        }
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return scripts;
    }
}

package io.dbaas.nebula.support;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Nebula started inside a test JVM at the shared test database, unless a test configured one itself:
 * Nebula needs its database as it needs its broker. Registered in the tests' {@code META-INF/spring.factories}.
 */
public class NebulaDatabaseEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "nebula-test-database",
                        Map.of(
                                "spring.datasource.url",
                                NebulaDatabase.jdbcUrl(),
                                "spring.datasource.username",
                                "postgres")));
    }
}

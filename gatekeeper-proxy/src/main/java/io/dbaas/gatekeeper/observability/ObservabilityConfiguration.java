package io.dbaas.gatekeeper.observability;

import io.dbaas.gatekeeper.problem.ProblemErrorHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    AccessLogFilter accessLogFilter(MeterRegistry registry, ProblemErrorHandler errors) {
        return new AccessLogFilter(new RequestMetrics(registry), errors);
    }
}

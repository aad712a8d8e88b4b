package io.dbaas.gatekeeper.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    AccessLog accessLog(MeterRegistry registry) {
        return new AccessLog(new RequestMetrics(registry));
    }
}

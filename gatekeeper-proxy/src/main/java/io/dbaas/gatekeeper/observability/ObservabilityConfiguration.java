package io.dbaas.gatekeeper.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    static final String OTLP_TRACING_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Bean
    AccessLog accessLog(MeterRegistry registry) {
        return new AccessLog(new RequestMetrics(registry));
    }

    /** On when spans are exported (an OTLP endpoint is set) and tracing is not switched off; see RequestTracing. */
    @Bean
    RequestTracing requestTracing(
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, Environment environment) {
        Tracer available = tracer.getIfAvailable();
        boolean exported = StringUtils.hasText(environment.getProperty(OTLP_TRACING_ENDPOINT));
        return available != null && exported
                ? RequestTracing.on(available, propagator.getIfAvailable(() -> Propagator.NOOP))
                : RequestTracing.off();
    }
}

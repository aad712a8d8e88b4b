package io.dbaas.orion;

import io.dbaas.contracts.tracing.MessageTracing;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Carries the trace of a request into the messages it writes, and continues it when Nebula's events come back. With
 * tracing off (management.tracing.enabled=false) there is no tracer, and messages go out as before.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    MessageTracing messageTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new MessageTracing(
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}

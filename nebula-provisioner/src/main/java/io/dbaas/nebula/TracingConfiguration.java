package io.dbaas.nebula;

import io.dbaas.contracts.tracing.MessageTracing;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Continues the trace a command carries (its traceparent) while Nebula handles it, and names Nebula's span in the
 * events it publishes. With tracing off (management.tracing.enabled=false) there is no tracer: no spans, and events
 * carry the command's trace ids as before.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    MessageTracing messageTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new MessageTracing(
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}

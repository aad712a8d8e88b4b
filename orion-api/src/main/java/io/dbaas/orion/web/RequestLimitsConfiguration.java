package io.dbaas.orion.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** What bounds a request before Orion spends anything on it: its body's size, and what Jackson accepts in it. */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

    /** First of all filters, so that nothing (form parsing, authentication, a controller) reads an unbounded body. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(RequestLimitsProperties limits, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(limits, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Spring Boot's builder of the JSON mapper, on a factory with Orion's parser limits. Jackson 3 sets stream read
     * constraints on the factory only, which a {@link JsonMapperBuilderCustomizer} cannot replace, so the builder is
     * made here and Boot's customizers (the {@code spring.jackson.*} settings among them) applied to it as Boot would.
     */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder boundedJsonMapperBuilder(
            RequestLimitsProperties limits, ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxNameLength())
                .maxNestingDepth(limits.maxNestingDepth())
                .maxNumberLength(limits.maxNumberLength())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(
                JsonFactory.builder().streamReadConstraints(constraints).build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}

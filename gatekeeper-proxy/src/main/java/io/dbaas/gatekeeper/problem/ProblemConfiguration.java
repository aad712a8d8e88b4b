package io.dbaas.gatekeeper.problem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class ProblemConfiguration {

    @Bean
    ProblemResponses problemResponses(JsonMapper jsonMapper) {
        return new ProblemResponses(jsonMapper);
    }

    /** Ahead of Boot's default handler, which backs off anyway once this bean exists. */
    @Bean
    @Order(-2)
    ProblemErrorHandler problemErrorHandler(ProblemResponses responses) {
        return new ProblemErrorHandler(responses);
    }
}

package io.dbaas.gatekeeper.hygiene;

import io.dbaas.gatekeeper.problem.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class RequestHygieneConfiguration {

    @Bean
    RequestHygiene requestHygiene(RequestLimitsProperties limits) {
        return new RequestHygiene(limits);
    }

    @Bean
    PublicServerTuning publicServerTuning(RequestLimitsProperties limits, ProblemResponses problems) {
        return new PublicServerTuning(limits, problems);
    }
}

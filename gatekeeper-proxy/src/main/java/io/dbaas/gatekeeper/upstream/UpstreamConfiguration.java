package io.dbaas.gatekeeper.upstream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class UpstreamConfiguration {

    @Bean
    UpstreamFailureFilter upstreamFailureFilter() {
        return new UpstreamFailureFilter();
    }
}

package io.dbaas.gatekeeper.upstream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class UpstreamConfiguration {

    @Bean(destroyMethod = "close")
    UpstreamClients upstreamClients(UpstreamProperties properties) {
        return new UpstreamClients(properties);
    }

    @Bean
    UpstreamCall upstreamCall(UpstreamClients clients) {
        return new UpstreamCall(clients);
    }
}

package io.dbaas.gatekeeper.client;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ClientAddressConfiguration {

    @Bean
    ClientAddressResolver clientAddressResolver(ForwardingProperties properties) {
        return new ClientAddressResolver(properties.trusted());
    }
}

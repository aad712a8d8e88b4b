package io.dbaas.gatekeeper.client;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ClientAddressConfiguration {

    @Bean
    ClientAddressFilter clientAddressFilter(ForwardingProperties properties) {
        return new ClientAddressFilter(new ClientAddressResolver(properties.trusted()));
    }

    @Bean
    ForwardingHeaders forwardingHeaders() {
        return new ForwardingHeaders();
    }
}

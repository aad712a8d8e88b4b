package io.dbaas.gatekeeper.abuse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AbuseConfiguration {

    @Bean
    AbuseProtection abuseProtection(AbuseProperties properties) {
        return new AbuseProtection(properties);
    }
}

package io.dbaas.orion.cluster.web;

import io.dbaas.orion.cluster.ClusterClaims;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ClusterWebConfiguration implements WebMvcConfigurer {

    private final ClusterClaims claims;

    ClusterWebConfiguration(ClusterClaims claims) {
        this.claims = claims;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ClusterOwnershipInterceptor(claims)).addPathPatterns("/v1/clusters/*/**");
    }
}

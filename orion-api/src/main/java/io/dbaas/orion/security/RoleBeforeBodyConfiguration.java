package io.dbaas.orion.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The role check runs before every other interceptor: nothing about a resource is looked at for a caller barred. */
@Configuration(proxyBeanMethods = false)
class RoleBeforeBodyConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RoleBeforeBodyInterceptor()).order(Ordered.HIGHEST_PRECEDENCE);
    }
}

package io.dbaas.orion.audit;

import io.dbaas.orion.shared.Audited;
import java.time.Clock;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the audit of changes: the transaction around every {@link Audited} handler, and the interceptor that opens
 * each change's audit. Ordered first among the web configurers so that its interceptor is registered, and runs, before
 * any interceptor that may refuse the request.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<AuditTrail> trail;
    private final Clock clock;

    AuditConfiguration(ObjectProvider<AuditTrail> trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /** An infrastructure advisor, so that the proxy creator method security uses applies it to the controllers. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor auditedChanges(
            ObjectProvider<PlatformTransactionManager> transactionManager, ObjectProvider<AuditTrail> trail) {
        var advisor = new DefaultPointcutAdvisor(
                AnnotationMatchingPointcut.forMethodAnnotation(Audited.class),
                new AcceptedChanges(transactionManager, trail));
        // Inside method security: a role refused there never opens a transaction.
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE);
        return advisor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuditInterceptor(trail, clock)).order(Ordered.HIGHEST_PRECEDENCE);
    }
}

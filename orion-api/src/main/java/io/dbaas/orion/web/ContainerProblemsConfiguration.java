package io.dbaas.orion.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link ProblemErrorReportValve} in place of Tomcat's error report on the API's host. Spring Boot adds its own
 * {@link ErrorReportValve} (without server information) while it builds the context; it is swapped once the host has
 * all its valves, just before the context starts.
 */
@Configuration(proxyBeanMethods = false)
class ContainerProblemsConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerProblems() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                useProblems(context.getParent());
            }
        }));
    }

    private static void useProblems(Container parent) {
        if (parent instanceof StandardHost host) {
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
        boolean present = false;
        for (Valve valve : parent.getPipeline().getValves()) {
            if (valve instanceof ProblemErrorReportValve) {
                present = true;
            } else if (valve instanceof ErrorReportValve) {
                parent.getPipeline().removeValve(valve);
            }
        }
        if (!present) {
            parent.getPipeline().addValve(new ProblemErrorReportValve());
        }
    }
}

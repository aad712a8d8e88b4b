package io.dbaas.orion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.shared.Audited;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every request mapping of Orion that can change state is audited: a new one without {@link Audited} fails here, and
 * reads carry no audit. Read from the running application's mappings, so that no way of declaring one escapes.
 */
class AuditCoverageTests extends OrionIntegrationTests {

    private static final Set<RequestMethod> READS =
            Set.of(RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyStateChangingEndpointIsAuditedAndNoReadIs() {
        Map<RequestMappingInfo, HandlerMethod> orions = mappings.getHandlerMethods().entrySet().stream()
                .filter(mapping ->
                        mapping.getValue().getBeanType().getPackageName().startsWith("io.dbaas.orion"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        List<String> unaudited = orions.entrySet().stream()
                .filter(mapping -> changesState(mapping.getKey()))
                .filter(mapping -> !mapping.getValue().hasMethodAnnotation(Audited.class))
                .map(mapping -> mapping.getKey().toString())
                .toList();
        List<String> auditedReads = orions.entrySet().stream()
                .filter(mapping -> !changesState(mapping.getKey()))
                .filter(mapping -> mapping.getValue().hasMethodAnnotation(Audited.class))
                .map(mapping -> mapping.getKey().toString())
                .toList();
        long audited = orions.values().stream()
                .filter(handler -> handler.hasMethodAnnotation(Audited.class))
                .count();

        assertThat(unaudited).as("state-changing endpoints without @Audited").isEmpty();
        assertThat(auditedReads).as("reads are not audited").isEmpty();
        assertThat(audited).as("the endpoints known to change state today").isGreaterThanOrEqualTo(12);
    }

    /** A mapping without methods answers every method, POST and DELETE included. */
    private static boolean changesState(RequestMappingInfo mapping) {
        Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
        return methods.isEmpty() || !READS.containsAll(methods);
    }
}

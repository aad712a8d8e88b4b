package io.dbaas.orion;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Orion's own settings.
 *
 * @param endpointDomain the domain under which clusters answer: {@code <cluster-uuid>.<region>.<provider>.<domain>}
 */
@ConfigurationProperties("orion")
public record OrionProperties(String endpointDomain) {}

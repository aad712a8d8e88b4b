package io.dbaas.orion;

import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Orion's own settings.
 *
 * @param endpointDomain the domain under which clusters answer: {@code <cluster-uuid>.<region>.<provider>.<domain>}
 * @param defaultAccountId the account every claim belongs to until accounts and credentials exist
 */
@ConfigurationProperties("orion")
public record OrionProperties(String endpointDomain, UUID defaultAccountId) {}

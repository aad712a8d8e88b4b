package io.dbaas.gatekeeper.routing;

import io.dbaas.gatekeeper.directory.ClusterRoute;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param domain the DNS domain under which clusters are served: a cluster answers at
 *     {@code <cluster-uuid>.<region>.<provider>.<domain>} ({@code gatekeeper.domain})
 */
@ConfigurationProperties("gatekeeper")
public record GateKeeperProperties(
        @DefaultValue("dbaas.localhost") String domain) {

    private static final Pattern DNS_NAME =
            Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    public GateKeeperProperties {
        domain = ClusterRoute.normalizeHost(domain);
        if (!DNS_NAME.matcher(domain).matches()) {
            throw new IllegalArgumentException(
                    "gatekeeper.domain must be a DNS name such as dbaas.example.com, was '" + domain + "'");
        }
    }
}

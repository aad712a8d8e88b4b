package io.dbaas.gatekeeper.client;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies addresses or CIDR blocks of the load balancers in front of GateKeeper whose
 *     {@code X-Forwarded-For} is believed ({@code gatekeeper.forwarding.trusted-proxies}); none by default, so that a
 *     client cannot choose the address it is rate limited under
 */
@ConfigurationProperties("gatekeeper.forwarding")
public record ForwardingProperties(@DefaultValue List<String> trustedProxies) {

    public TrustedProxies trusted() {
        return new TrustedProxies(trustedProxies.stream().map(CidrBlock::parse).toList());
    }
}

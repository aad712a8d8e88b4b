package io.dbaas.orion.apikey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on the credentials of clusters.
 *
 * @param apiKeyMaxLifetime how far ahead an API key's {@code expires_at} may be; a key without expiry is still allowed
 * @param tokenDefaultLifetime how long a token lasts when the request does not say
 * @param tokenMinLifetime the shortest {@code expires_in_seconds} a token may ask for
 * @param tokenMaxLifetime the longest {@code expires_in_seconds} a token may ask for: tokens cannot be revoked one by
 *     one, so this bounds how long a leaked one is good for
 */
@ConfigurationProperties("orion.cluster-credentials")
public record CredentialProperties(
        @DefaultValue("365d") Duration apiKeyMaxLifetime,
        @DefaultValue("15m") Duration tokenDefaultLifetime,
        @DefaultValue("1m") Duration tokenMinLifetime,
        @DefaultValue("24h") Duration tokenMaxLifetime) {

    public CredentialProperties {
        if (tokenMinLifetime.compareTo(tokenMaxLifetime) > 0
                || tokenDefaultLifetime.compareTo(tokenMinLifetime) < 0
                || tokenDefaultLifetime.compareTo(tokenMaxLifetime) > 0) {
            throw new IllegalArgumentException("orion.cluster-credentials: the token lifetimes must satisfy"
                    + " token-min-lifetime <= token-default-lifetime <= token-max-lifetime");
        }
        if (apiKeyMaxLifetime.isNegative() || apiKeyMaxLifetime.isZero()) {
            throw new IllegalArgumentException("orion.cluster-credentials.api-key-max-lifetime must be positive");
        }
    }
}

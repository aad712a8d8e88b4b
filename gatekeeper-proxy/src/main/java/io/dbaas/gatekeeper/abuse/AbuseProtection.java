package io.dbaas.gatekeeper.abuse;

import io.dbaas.gatekeeper.client.ClientAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The two budgets the request path consults: failed authentications per client address, and requests per API key. A
 * returned duration means "refused, retry after this long".
 */
public class AbuseProtection {

    private final BucketsByKey<ClientAddress> failuresByAddress;
    private final BucketsByKey<KeyFingerprint> requestsByKey;

    public AbuseProtection(AbuseProperties properties) {
        this.failuresByAddress = new BucketsByKey<>(properties.perAddress(), properties.maxTrackedBuckets());
        this.requestsByKey = new BucketsByKey<>(properties.perKey(), properties.maxTrackedBuckets());
    }

    /** Checked before any key: an address that used up its failures is refused even with a good key. */
    public Optional<Duration> blockedAddress(ClientAddress client) {
        return failuresByAddress.waitBeforeNext(client);
    }

    public void authenticationFailed(ClientAddress client) {
        failuresByAddress.take(client);
    }

    /** Counts a request made with a key already found valid: keys that fail are the address budget's business. */
    public Optional<Duration> requestWithKey(String validApiKey) {
        return requestsByKey.take(KeyFingerprint.of(validApiKey));
    }
}

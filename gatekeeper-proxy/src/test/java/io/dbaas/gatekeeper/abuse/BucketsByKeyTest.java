package io.dbaas.gatekeeper.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BucketsByKeyTest {

    @Test
    void aKeyGetsItsCapacityThenWaitsForTheRefill() {
        BucketsByKey<String> buckets = new BucketsByKey<>(new AbuseProperties.Limit(2, Duration.ofMinutes(1)), 10);

        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a"))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30)));
        assertThat(buckets.take("b")).isEmpty();
    }

    @Test
    void lookingDoesNotSpend() {
        BucketsByKey<String> buckets = new BucketsByKey<>(new AbuseProperties.Limit(1, Duration.ofMinutes(1)), 10);

        assertThat(buckets.waitBeforeNext("a")).isEmpty();
        assertThat(buckets.waitBeforeNext("a")).isEmpty();
        buckets.take("a");
        assertThat(buckets.waitBeforeNext("a")).isPresent();
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfKeys() {
        BucketsByKey<Integer> buckets = new BucketsByKey<>(new AbuseProperties.Limit(1, Duration.ofHours(1)), 100);

        for (int key = 0; key < 10_000; key++) {
            buckets.take(key);
        }

        assertThat(buckets.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void keysAreRememberedByFingerprintNeverInClear() {
        KeyFingerprint fingerprint = KeyFingerprint.of("dbk_secret-key-value");

        assertThat(fingerprint).isEqualTo(KeyFingerprint.of("dbk_secret-key-value"));
        assertThat(fingerprint).isNotEqualTo(KeyFingerprint.of("dbk_other-key-value"));
        assertThat(fingerprint.toString()).doesNotContain("secret");
    }
}

package io.dbaas.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.security.ApiKeys.IssuedKey;
import io.dbaas.contracts.security.ApiKeys.PresentedKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    static final String MASTER_KEY = "Q3JvY29kaWxlcy1hcmUtbm90LWEta2V5";
    static final String OTHER_MASTER_KEY = "T3RoZXItY2x1c3RlcnMtbWFzdGVyLWtl";
    static final Instant EXPIRY = Instant.parse("2027-03-01T12:00:00Z");

    @Test
    void issuedKeyIsRecognisableAndCarriesItsIdScopeAndExpiry() {
        IssuedKey issued = ApiKeys.issue(MASTER_KEY, KeyScope.READ_ONLY, EXPIRY);

        assertThat(issued.key()).startsWith("dbk_" + issued.keyId()).hasSize(ApiKeys.LENGTH);
        PresentedKey presented = ApiKeys.parse(issued.key()).orElseThrow();
        assertThat(presented.keyId()).isEqualTo(issued.keyId());
        assertThat(presented.scope()).isEqualTo(KeyScope.READ_ONLY);
        assertThat(presented.expiresAt()).isEqualTo(EXPIRY);
        assertThat(ApiKeys.isGenuine(MASTER_KEY, presented)).isTrue();
    }

    @Test
    void keyWithoutExpiryNeverExpires() {
        PresentedKey presented = ApiKeys.parse(
                        ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, null).key())
                .orElseThrow();

        assertThat(presented.expiresAt()).isNull();
        assertThat(presented.expiredAt(Instant.parse("2999-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void keyExpiresAtItsExpiryToTheSecond() {
        PresentedKey presented = ApiKeys.parse(
                        ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, EXPIRY).key())
                .orElseThrow();

        assertThat(presented.expiredAt(EXPIRY.minusSeconds(1))).isFalse();
        assertThat(presented.expiredAt(EXPIRY)).isTrue();
    }

    @Test
    void keyOfAnotherClusterIsNotGenuine() {
        String key = ApiKeys.issue(OTHER_MASTER_KEY, KeyScope.READ_WRITE, null).key();

        assertThat(ApiKeys.isGenuine(MASTER_KEY, ApiKeys.parse(key).orElseThrow()))
                .isFalse();
    }

    @Test
    void aVerifierKeptForManyChecksAnswersEachAsAFreshCheckWould() {
        ApiKeys.Verifier verifier = ApiKeys.verifier(MASTER_KEY);
        PresentedKey genuine = ApiKeys.parse(
                        ApiKeys.issue(MASTER_KEY, KeyScope.READ_ONLY, EXPIRY).key())
                .orElseThrow();
        PresentedKey foreign = ApiKeys.parse(ApiKeys.issue(OTHER_MASTER_KEY, KeyScope.READ_ONLY, EXPIRY)
                        .key())
                .orElseThrow();
        var forged = new PresentedKey(genuine.keyId(), KeyScope.READ_WRITE, EXPIRY, genuine.mac());

        // Alternating, so that a check left half-done or state kept from the previous one would show.
        for (int i = 0; i < 3; i++) {
            assertThat(verifier.isGenuine(genuine)).isTrue();
            assertThat(verifier.isGenuine(foreign)).isFalse();
            assertThat(verifier.isGenuine(forged)).isFalse();
        }
        assertThat(verifier.toString()).doesNotContain(MASTER_KEY);
    }

    @Test
    void oneVerifierChecksKeysOnManyThreadsAtOnce() throws Exception {
        ApiKeys.Verifier verifier = ApiKeys.verifier(MASTER_KEY);
        PresentedKey genuine = ApiKeys.parse(
                        ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, null).key())
                .orElseThrow();
        PresentedKey foreign = ApiKeys.parse(ApiKeys.issue(OTHER_MASTER_KEY, KeyScope.READ_WRITE, null)
                        .key())
                .orElseThrow();
        Callable<Boolean> checks = () -> {
            for (int i = 0; i < 2_000; i++) {
                if (!verifier.isGenuine(genuine) || verifier.isGenuine(foreign)) {
                    return false;
                }
            }
            return true;
        };

        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> results = threads.invokeAll(List.of(checks, checks, checks, checks));
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    @Test
    void everyMistypedCharacterIsCaughtByTheChecksumWithoutTheMasterKey() {
        String key = ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, null).key();

        for (int i = 0; i < key.length(); i++) {
            char replacement = key.charAt(i) == 'A' ? 'B' : 'A';
            String mistyped = key.substring(0, i) + replacement + key.substring(i + 1);
            assertThat(ApiKeys.parse(mistyped))
                    .as("key with character %d changed", i)
                    .isEmpty();
        }
    }

    @Test
    void scopeRaisedByHandWithAValidChecksumIsNotGenuine() {
        String key = ApiKeys.issue(MASTER_KEY, KeyScope.READ_ONLY, null).key();
        PresentedKey readOnly = ApiKeys.parse(key).orElseThrow();
        var forged = new PresentedKey(readOnly.keyId(), KeyScope.READ_WRITE, null, readOnly.mac());

        assertThat(ApiKeys.isGenuine(MASTER_KEY, forged)).isFalse();
    }

    @Test
    void expiryExtendedByHandIsNotGenuine() {
        PresentedKey issued = ApiKeys.parse(
                        ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, EXPIRY).key())
                .orElseThrow();
        var forged = new PresentedKey(issued.keyId(), issued.scope(), EXPIRY.plusSeconds(86_400), issued.mac());

        assertThat(ApiKeys.isGenuine(MASTER_KEY, forged)).isFalse();
    }

    @Test
    void foreignStringsAreNotKeys() {
        assertThat(ApiKeys.parse("")).isEmpty();
        assertThat(ApiKeys.parse("dbk_")).isEmpty();
        assertThat(ApiKeys.parse("ghp_" + "a".repeat(ApiKeys.LENGTH - 4))).isEmpty();
        assertThat(ApiKeys.parse("dbk_" + "!".repeat(ApiKeys.LENGTH - 4))).isEmpty();
        // The first format (no id, scope or expiry): same prefix, 69 characters.
        assertThat(ApiKeys.parse("dbk_" + "A".repeat(22) + "B".repeat(43))).isEmpty();
    }

    @Test
    void twoKeysOfOneClusterHaveDifferentIds() {
        assertThat(ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, null).keyId())
                .isNotEqualTo(
                        ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, null).keyId());
    }

    @Test
    void printedKeysShowNoSecret() {
        IssuedKey issued = ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, null);

        assertThat(issued.toString()).doesNotContain(issued.key());
        assertThat(ApiKeys.parse(issued.key()).orElseThrow().toString())
                .doesNotContain(issued.key().substring(30));
    }

    @Test
    void lastCharactersAreFourAndFromTheEnd() {
        String key = ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, null).key();

        assertThat(ApiKeys.lastCharacters(key)).hasSize(4).isEqualTo(key.substring(key.length() - 4));
    }
}

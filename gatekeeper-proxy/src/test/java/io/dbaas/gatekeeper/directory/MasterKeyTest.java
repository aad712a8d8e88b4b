package io.dbaas.gatekeeper.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.ClusterTokens;
import io.dbaas.contracts.security.KeyScope;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuv";

    @Test
    void recognisesKeysIssuedFromIt() {
        assertThat(new MasterKey(SECRET)
                        .issued(parse(
                                ApiKeys.issue(SECRET, KeyScope.READ_ONLY, null).key())))
                .isTrue();
    }

    @Test
    void refusesKeysIssuedFromAnotherMasterKey() {
        String other = ApiKeys.issue("another-master-key-of-32-chars!!", KeyScope.READ_WRITE, null)
                .key();

        assertThat(new MasterKey(SECRET).issued(parse(other))).isFalse();
    }

    @Test
    void verifiesTokensSignedWithTheKeyDerivedFromIt() {
        UUID cluster = UUID.randomUUID();
        Instant now = Instant.now();
        String token = ClusterTokens.issue(
                ClusterTokens.signingKey(SECRET),
                cluster,
                KeyScope.READ_ONLY,
                now,
                now.plus(Duration.ofMinutes(5)),
                UUID.randomUUID());

        assertThat(new MasterKey(SECRET).verify(cluster, token, now))
                .hasValueSatisfying(verified -> assertThat(verified.scope()).isEqualTo(KeyScope.READ_ONLY));
        assertThat(new MasterKey("another-master-key-of-32-chars!!").verify(cluster, token, now))
                .isEmpty();
    }

    @Test
    void neverShowsItsValue() {
        MasterKey key = new MasterKey(SECRET);
        ClusterRoute route = ClusterRoute.of(
                UUID.randomUUID(),
                Engine.ELASTICSEARCH,
                "c.dbaas.localhost",
                URI.create("http://10.0.0.1:9200"),
                key,
                "v1.sealed",
                null);

        assertThat(key.toString()).doesNotContain(SECRET);
        assertThat(route.toString()).doesNotContain(SECRET).doesNotContain("v1.sealed");
        assertThat(route.upstreamCredential().toString())
                .doesNotContain(SECRET)
                .doesNotContain(route.upstreamCredential().value());
    }

    @Test
    void mustNotBeBlank() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MasterKey(" "));
    }

    private static ApiKeys.PresentedKey parse(String key) {
        return ApiKeys.parse(key).orElseThrow();
    }
}

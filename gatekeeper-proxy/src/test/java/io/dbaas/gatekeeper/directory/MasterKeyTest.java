package io.dbaas.gatekeeper.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.dbaas.contracts.security.DerivedApiKeys;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuv";

    @Test
    void acceptsKeysDerivedFromIt() {
        assertThat(new MasterKey(SECRET).accepts(DerivedApiKeys.newKey(SECRET))).isTrue();
    }

    @Test
    void refusesKeysDerivedFromAnotherMasterKey() {
        assertThat(new MasterKey(SECRET).accepts(DerivedApiKeys.newKey("another-master-key-of-32-chars!!")))
                .isFalse();
    }

    @Test
    void refusesTheMasterKeyItself() {
        // Clients only ever hold derived keys; the master key must not double as one.
        assertThat(new MasterKey(SECRET).accepts(SECRET)).isFalse();
    }

    @Test
    void neverShowsItsValue() {
        MasterKey key = new MasterKey(SECRET);
        ClusterRoute route =
                new ClusterRoute(UUID.randomUUID(), "c.dbaas.localhost", URI.create("http://10.0.0.1:6333"), key);

        assertThat(key.toString()).doesNotContain(SECRET);
        assertThat(route.toString()).doesNotContain(SECRET);
    }

    @Test
    void mustNotBeBlank() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MasterKey(" "));
    }
}

package io.dbaas.nebula.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.nebula.support.NebulaDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The vault against real PostgreSQL. */
class MasterKeyVaultTest {

    final MasterKeyVault vault = NebulaDatabase.vault();

    @Test
    void aClusterGetsOneKeyGeneratedOnceAndTheSameKeyEverAfter() {
        UUID cluster = UUID.randomUUID();

        String first = vault.masterKeyFor(cluster);

        assertThat(first).hasSize(MasterKeys.LENGTH);
        assertThat(vault.masterKeyFor(cluster)).isEqualTo(first);
        assertThat(NebulaDatabase.vault().find(cluster))
                .as("another Nebula reads it too")
                .contains(first);
    }

    @Test
    void concurrentFirstRequestsForOneClusterAllGetTheSameKey() throws Exception {
        UUID cluster = UUID.randomUUID();
        List<Callable<String>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(() -> NebulaDatabase.vault().masterKeyFor(cluster));
        }

        List<String> keys = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<String> key : pool.invokeAll(callers)) {
                keys.add(key.get());
            }
        }

        assertThat(keys).hasSize(8).containsOnly(keys.getFirst());
    }

    @Test
    void onlyTheSealedKeyIsStoredAndItOpensOnlyForItsCluster() {
        UUID cluster = UUID.randomUUID();
        String key = vault.masterKeyFor(cluster);

        String stored = NebulaDatabase.jdbc()
                .sql("select sealed_key from sealed_master_keys where cluster_id = :cluster")
                .param("cluster", cluster)
                .query(String.class)
                .single();

        assertThat(stored).doesNotContain(key);
        MasterKeyCipher cipher = MasterKeyCipher.fromBase64(NebulaDatabase.KEY_ENCRYPTION_KEY);
        assertThat(cipher.open(cluster, stored)).isEqualTo(key);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), stored))
                .isInstanceOf(MasterKeyCipher.SealedKeyException.class);
    }

    @Test
    void adoptingKeepsAKeyOnlyWhenNoneIsStored() {
        UUID cluster = UUID.randomUUID();
        vault.adopt(cluster, "FoundInTheSecret0123456789abcdef");

        vault.adopt(cluster, "SomethingElse0123456789abcdefghi");

        assertThat(vault.find(cluster)).contains("FoundInTheSecret0123456789abcdef");
        assertThat(vault.masterKeyFor(cluster)).isEqualTo("FoundInTheSecret0123456789abcdef");
    }

    @Test
    void aForgottenKeyIsGone() {
        UUID cluster = UUID.randomUUID();
        vault.masterKeyFor(cluster);

        vault.forget(cluster);

        assertThat(vault.find(cluster)).isEmpty();
    }
}

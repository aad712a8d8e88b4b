package io.dbaas.nebula.security;

import io.dbaas.contracts.security.MasterKeyCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The master keys of clusters, kept sealed in Nebula's database: the one place a cluster's key is generated, once, and
 * the copy its Kubernetes Secret is restored from when the Secret disappears.
 *
 * <p>Only sealed keys are stored (AES-256-GCM under the key-encryption key, the cluster id as associated data), so the
 * database alone opens nothing. Concurrent callers for one cluster get the same key: the first insert wins and every
 * caller reads back what was stored.
 */
@Component
public class MasterKeyVault {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyVault.class);

    private final JdbcClient jdbc;
    private final MasterKeyCipher cipher;
    private final Clock clock = Clock.systemUTC();

    public MasterKeyVault(JdbcClient jdbc, MasterKeyCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** The vault seen from one cluster, for the reconciler that creates the cluster's Secret. */
    public ClusterKey forCluster(UUID clusterId) {
        return new ClusterKey(clusterId, this);
    }

    /** One cluster's master key in the vault. */
    public record ClusterKey(UUID clusterId, MasterKeyVault vault) {

        /** The stored key, or a new one stored first; see {@link MasterKeyVault#masterKeyFor}. */
        public String obtain() {
            return vault.masterKeyFor(clusterId);
        }

        /** The stored key, if the vault has one. */
        public Optional<String> stored() {
            return vault.find(clusterId);
        }

        /** See {@link MasterKeyVault#adopt}. */
        public void adopt(String masterKey) {
            vault.adopt(clusterId, masterKey);
        }
    }

    /** The cluster's master key: the stored one, or a new one, generated and stored before anyone sees it. */
    public String masterKeyFor(UUID clusterId) {
        return find(clusterId).orElseGet(() -> {
            keep(clusterId, MasterKeys.generate());
            return find(clusterId).orElseThrow(() -> new IllegalStateException("the master key just stored is gone"));
        });
    }

    /**
     * Keeps a key found in a cluster's Secret when none is stored yet (a cluster provisioned before the vault existed),
     * so that its Secret can be restored too. A stored key is never replaced.
     */
    public void adopt(UUID clusterId, String masterKey) {
        Optional<String> stored = find(clusterId);
        if (stored.isEmpty()) {
            keep(clusterId, masterKey);
        } else if (!MessageDigest.isEqual(bytes(stored.get()), bytes(masterKey))) {
            // Someone replaced the key in the Secret by hand. The cluster runs with the Secret's key, so it stays; a
            // restore would bring back the stored one, which is why this is worth an operator's attention.
            log.warn("The master-key Secret of cluster {} holds a key other than the one Nebula stored", clusterId);
        }
    }

    /** The stored master key of the cluster, if any. */
    public Optional<String> find(UUID clusterId) {
        return jdbc.sql("select sealed_key from sealed_master_keys where cluster_id = :cluster")
                .param("cluster", clusterId)
                .query(String.class)
                .optional()
                .map(sealedKey -> cipher.open(clusterId, sealedKey));
    }

    /** Whether a key is stored for the cluster, without opening it. */
    public boolean holds(UUID clusterId) {
        return jdbc.sql("select exists (select 1 from sealed_master_keys where cluster_id = :cluster)")
                .param("cluster", clusterId)
                .query(Boolean.class)
                .single();
    }

    /** Forgets the key of a deleted cluster: nothing can be restored with it any more. */
    public void forget(UUID clusterId) {
        jdbc.sql("delete from sealed_master_keys where cluster_id = :cluster")
                .param("cluster", clusterId)
                .update();
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private void keep(UUID clusterId, String masterKey) {
        jdbc.sql("""
                        insert into sealed_master_keys (cluster_id, sealed_key, created_at)
                        values (:cluster, :sealedKey, :created)
                        on conflict (cluster_id) do nothing""")
                .param("cluster", clusterId)
                .param("sealedKey", cipher.seal(clusterId, masterKey))
                .param("created", Timestamp.from(Instant.now(clock)))
                .update();
    }
}

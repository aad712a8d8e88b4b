package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.nebula.kubernetes.model.ElasticsearchCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.kubernetes.model.SecretGenerationException;
import io.dbaas.nebula.security.MasterKeys;
import io.fabric8.kubernetes.api.model.Secret;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;

/**
 * The users an Elasticsearch cluster's nodes know from files (the file realm), generated once: {@code elastic}, a
 * superuser whose password is the master key (GateKeeper's credential), and the nodes' own user for their readiness
 * and shutdown hooks, with a random password of its own. Only bcrypt hashes reach the nodes' realm; the nodes' own
 * password is there in clear too, for their scripts. Users of the file realm cannot be changed through the API, so the
 * customer can neither lock GateKeeper out nor make the nodes unready.
 */
record ElasticsearchInternalUsers(ElasticsearchCluster cluster) {

    /** Elasticsearch's default for bcrypt: 2^10 rounds. Nodes cache a verified password, so each is paid rarely. */
    private static final int BCRYPT_COST = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    GeneratedSecret secret() {
        return new GeneratedSecret(
                cluster.generateInternalUsersSecret(),
                List.of(
                        ElasticsearchNames.USERS_ENTRY,
                        ElasticsearchNames.USERS_ROLES_ENTRY,
                        ElasticsearchNames.NODE_PASSWORD_ENTRY),
                inputs -> {
                    String masterKey = masterKey(inputs.earlier().get(ElasticsearchNames.ELASTIC_USER_SECRET));
                    String nodePassword = MasterKeys.generate();
                    Map<String, String> entries = new LinkedHashMap<>();
                    entries.put(
                            ElasticsearchNames.USERS_ENTRY,
                            ElasticsearchNames.ELASTIC_USER + ":" + bcrypt(masterKey) + "\n"
                                    + ElasticsearchNames.NODE_USER + ":" + bcrypt(nodePassword) + "\n");
                    entries.put(
                            ElasticsearchNames.USERS_ROLES_ENTRY,
                            "superuser:" + ElasticsearchNames.ELASTIC_USER + "\n" + ElasticsearchNames.NODE_ROLE + ":"
                                    + ElasticsearchNames.NODE_USER + "\n");
                    entries.put(ElasticsearchNames.NODE_PASSWORD_ENTRY, nodePassword);
                    return entries;
                });
    }

    /** The {@code $2a$} form Elasticsearch reads. */
    static String bcrypt(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, BCRYPT_COST);
    }

    private static String masterKey(@Nullable Secret masterKeySecret) {
        return Optional.ofNullable(masterKeySecret)
                .flatMap(secret -> SecretEntries.read(secret, ElasticsearchNames.ELASTIC_USER_ENTRY))
                .orElseThrow(() -> new SecretGenerationException(
                        "the master key (Secret " + ElasticsearchNames.ELASTIC_USER_SECRET + ") is not in place"));
    }
}

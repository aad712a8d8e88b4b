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
 * superuser whose password is the master key (GateKeeper's credential), the nodes' own user for their readiness
 * and shutdown hooks, with a random password of its own, and in a scraped cluster the metrics exporter's user, whose
 * role holds the {@code monitor} privileges only. A cluster that becomes scraped has its users generated again once,
 * with the exporter's user added (the nodes' own password changes then, in the same Secret the nodes read it from). Only bcrypt hashes reach the nodes' realm; the nodes' own
 * password is there in clear too, for their scripts. Users of the file realm cannot be changed through the API, so the
 * customer can neither lock GateKeeper out nor make the nodes unready.
 */
record ElasticsearchInternalUsers(ElasticsearchCluster cluster) {

    /** Elasticsearch's default for bcrypt: 2^10 rounds. Nodes cache a verified password, so each is paid rarely. */
    private static final int BCRYPT_COST = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The exporter's name and random password, generated once; the exporter reads them, the nodes only a hash. */
    GeneratedSecret monitoringUserSecret() {
        return new GeneratedSecret(
                cluster.generateMonitoringUserSecret(),
                List.of(ElasticsearchNames.MONITORING_USERNAME_ENTRY, ElasticsearchNames.MONITORING_PASSWORD_ENTRY),
                inputs -> {
                    Map<String, String> entries = new LinkedHashMap<>();
                    entries.put(ElasticsearchNames.MONITORING_USERNAME_ENTRY, ElasticsearchNames.MONITORING_USER);
                    entries.put(ElasticsearchNames.MONITORING_PASSWORD_ENTRY, MasterKeys.generate());
                    return entries;
                });
    }

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
                    StringBuilder users = new StringBuilder()
                            .append(ElasticsearchNames.ELASTIC_USER + ":" + bcrypt(masterKey) + "\n")
                            .append(ElasticsearchNames.NODE_USER + ":" + bcrypt(nodePassword) + "\n");
                    StringBuilder roles = new StringBuilder()
                            .append("superuser:" + ElasticsearchNames.ELASTIC_USER + "\n")
                            .append(ElasticsearchNames.NODE_ROLE + ":" + ElasticsearchNames.NODE_USER + "\n");
                    if (cluster.scraped()) {
                        String monitoringPassword =
                                monitoringPassword(inputs.earlier().get(ElasticsearchNames.MONITORING_USER_SECRET));
                        users.append(ElasticsearchNames.MONITORING_USER + ":" + bcrypt(monitoringPassword) + "\n");
                        roles.append(
                                ElasticsearchNames.MONITORING_ROLE + ":" + ElasticsearchNames.MONITORING_USER + "\n");
                    }
                    Map<String, String> entries = new LinkedHashMap<>();
                    entries.put(ElasticsearchNames.USERS_ENTRY, users.toString());
                    entries.put(ElasticsearchNames.USERS_ROLES_ENTRY, roles.toString());
                    entries.put(ElasticsearchNames.NODE_PASSWORD_ENTRY, nodePassword);
                    return entries;
                },
                this::monitoringUserMissing);
    }

    /**
     * Due when the cluster is scraped and the users file does not name the exporter's user yet (a cluster created
     * before it was scraped); never otherwise, so no other change regenerates a credential.
     */
    private Optional<String> monitoringUserMissing(Secret existing, GeneratedSecret.SecretInputs inputs) {
        if (!cluster.scraped()) {
            return Optional.empty();
        }
        boolean named = SecretEntries.read(existing, ElasticsearchNames.USERS_ENTRY)
                .map(users -> users.lines().anyMatch(line -> line.startsWith(ElasticsearchNames.MONITORING_USER + ":")))
                .orElse(false);
        return named ? Optional.empty() : Optional.of("it has no metrics exporter user yet");
    }

    private static String monitoringPassword(@Nullable Secret monitoringUserSecret) {
        return Optional.ofNullable(monitoringUserSecret)
                .flatMap(secret -> SecretEntries.read(secret, ElasticsearchNames.MONITORING_PASSWORD_ENTRY))
                .orElseThrow(() -> new SecretGenerationException("the monitoring user (Secret "
                        + ElasticsearchNames.MONITORING_USER_SECRET + ") is not in place"));
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

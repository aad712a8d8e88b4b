package io.dbaas.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How a {@link LoopbackKafka} node authenticates and authorizes, as docs/operations/kafka.md sets up a production
 * cluster: clients log in with SCRAM-SHA-512 over TLS, KRaft's StandardAuthorizer refuses whatever no ACL allows, and
 * only the super user (the broker's own principal) has every right.
 *
 * <p>The controller listener takes SASL PLAIN with the same super user: KRaft cannot check SCRAM there (its
 * credentials live in the metadata the controller serves), and an unauthenticated controller listener would have to
 * make the anonymous principal a super user.
 *
 * @param superUser the broker's principal name, {@code User:<superUser>} in ACL terms
 * @param superUserPassword its password, for SCRAM on the client listener and PLAIN on the controller listener
 * @param keyStore the broker's PKCS#12 key store, its certificate valid for 127.0.0.1
 * @param keyStorePassword the password of the key store and of its key
 * @param caCertificate the PEM certificate clients trust the broker's certificate by
 */
public record AuthenticatedListener(
        String superUser, String superUserPassword, Path keyStore, String keyStorePassword, Path caCertificate) {

    public static final String MECHANISM = "SCRAM-SHA-512";

    /** Every client setting a service needs to log in as {@code user}, as the Helm chart renders them. */
    public Map<String, Object> clientSettings(String user, String password) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", MECHANISM);
        settings.put("sasl.jaas.config", scramLogin(user, password));
        settings.put("ssl.truststore.type", "PEM");
        settings.put("ssl.truststore.location", caCertificate.toString());
        return settings;
    }

    Map<String, String> brokerSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT");
        settings.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        settings.put("listener.name.sasl_ssl.sasl.enabled.mechanisms", MECHANISM);
        settings.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", scramLogin(superUser, superUserPassword));
        settings.put("sasl.mechanism.controller.protocol", "PLAIN");
        settings.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        settings.put(
                "listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\" user_%s=\"%s\";"
                        .formatted(superUser, superUserPassword, superUser, superUserPassword));
        settings.put("ssl.keystore.type", "PKCS12");
        settings.put("ssl.keystore.location", keyStore.toString());
        settings.put("ssl.keystore.password", keyStorePassword);
        settings.put("ssl.key.password", keyStorePassword);
        // The broker is a client of its own listener too: it trusts its certificate the way the services do.
        settings.put("ssl.truststore.type", "PEM");
        settings.put("ssl.truststore.location", caCertificate.toString());
        settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("allow.everyone.if.no.acl.found", "false");
        settings.put("super.users", "User:" + superUser);
        return settings;
    }

    /** The storage format's {@code --add-scram} argument creating the super user's credential. */
    String superUserScramArgument() {
        return "%s=[name=%s,password=%s]".formatted(MECHANISM, superUser, superUserPassword);
    }

    private static String scramLogin(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";"
                .formatted(user, password);
    }

    /** Leaves the passwords out: this record may be logged. */
    @Override
    public String toString() {
        return "AuthenticatedListener[superUser=%s, keyStore=%s, caCertificate=%s]"
                .formatted(superUser, keyStore, caCertificate);
    }
}

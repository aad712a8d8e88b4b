package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Secret whose content Nebula generates: TLS material, password hashes. Generated when the Secret does not exist
 * yet, so a rendering for review never holds any; generated again only when its {@link Renewal} says so (a
 * certificate close to expiry, or one that no longer names every address it must), never otherwise.
 *
 * @param secret the Secret without data: name, namespace, labels, type
 * @param entries the data entries the content fills; an existing Secret missing one of them is reported, not replaced
 * @param content generates the entries, in clear
 * @param renewal when an existing Secret must be generated again
 */
public record GeneratedSecret(Secret secret, List<String> entries, SecretContent content, Renewal renewal) {

    public GeneratedSecret {
        entries = List.copyOf(entries);
    }

    /** A Secret generated once and never again. */
    public GeneratedSecret(Secret secret, List<String> entries, SecretContent content) {
        this(secret, entries, content, (existing, inputs) -> Optional.empty());
    }

    public String name() {
        return secret.getMetadata().getName();
    }

    /** The Secret holding freshly generated content, as data. */
    public Secret generate(SecretInputs inputs) {
        Map<String, String> clear = content.generate(inputs);
        Map<String, String> data = new LinkedHashMap<>();
        for (String entry : entries) {
            String value = clear.get(entry);
            if (value == null) {
                throw new SecretGenerationException("the content of Secret " + name() + " lacks '" + entry + "'");
            }
            data.put(entry, SecretEntries.encode(value));
        }
        return new SecretBuilder(secret).withData(data).build();
    }

    /** The entries an existing Secret lacks; Nebula never fills them in, since that would regenerate a credential. */
    public List<String> missingEntries(Secret existing) {
        return entries.stream()
                .filter(entry -> SecretEntries.read(existing, entry).isEmpty())
                .toList();
    }

    /** The Secret with a visible placeholder for every entry, as {@code stringData}, for review. */
    public Secret withPlaceholder(String placeholder) {
        Map<String, String> stringData = new LinkedHashMap<>();
        entries.forEach(entry -> stringData.put(entry, placeholder));
        return new SecretBuilder(secret).withStringData(stringData).build();
    }

    /**
     * What generating a Secret may read besides the rendering.
     *
     * @param earlier the cluster's Secrets as they now exist, by name: the master-key Secret and the generated Secrets
     *     that come before this one
     * @param clientAddresses the addresses clients reach the cluster at besides its Service names: a load balancer's
     *     IP or host name, as its client Service reports them; empty where there is none
     */
    public record SecretInputs(Map<String, Secret> earlier, List<String> clientAddresses) {

        public SecretInputs {
            earlier = Map.copyOf(earlier);
            clientAddresses = List.copyOf(clientAddresses);
        }
    }

    /** Generates a Secret's entries, in clear. */
    @FunctionalInterface
    public interface SecretContent {

        /** @throws SecretGenerationException when the content cannot be made from what exists */
        Map<String, String> generate(SecretInputs inputs);
    }

    /** Decides whether an existing Secret must be generated again. */
    @FunctionalInterface
    public interface Renewal {

        /** Why {@code existing} must be generated again, or empty when it stays. */
        Optional<String> due(Secret existing, SecretInputs inputs);
    }
}

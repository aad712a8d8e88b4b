package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Secret whose content Nebula generates once, at provisioning, and never regenerates: TLS material, for example. Its
 * content is only generated when the Secret does not exist yet, so a rendering for review never holds any.
 *
 * @param secret the Secret without data: name, namespace, labels, type
 * @param entries the data entries the content fills; an existing Secret missing one of them is reported, not replaced
 * @param content generates the entries, in clear; may read the generated Secrets before this one
 */
public record GeneratedSecret(Secret secret, List<String> entries, SecretContent content) {

    public GeneratedSecret {
        entries = List.copyOf(entries);
    }

    public String name() {
        return secret.getMetadata().getName();
    }

    /**
     * The Secret holding freshly generated content, as data.
     *
     * @param earlier the generated Secrets of the cluster that come before this one, by name, as they now exist
     */
    public Secret generate(Map<String, Secret> earlier) {
        Map<String, String> clear = content.generate(earlier);
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

    /** Generates a Secret's entries, in clear. */
    @FunctionalInterface
    public interface SecretContent {

        /**
         * @param earlier the cluster's generated Secrets that come before this one, by name
         * @throws SecretGenerationException when the content cannot be made from what exists
         */
        Map<String, String> generate(Map<String, Secret> earlier);
    }
}

package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Secret Nebula copies from elsewhere in the region's Kubernetes cluster into a cluster's namespace, because pods
 * can read Secrets of their own namespace only: the region's backup-storage credentials. Unlike a
 * {@link GeneratedSecret}, the copy follows its source: a rotated credential is copied again at the next reconcile.
 * Only the entries named here are copied; anything else in the source stays there.
 *
 * @param secret the copy without data: name, namespace, labels, and where it comes from as an annotation
 * @param sourceNamespace the namespace of the source Secret
 * @param sourceName the name of the source Secret
 * @param requiredEntries the entries the source must all hold
 * @param oneOfEntries entries of which the source must hold at least one; empty for none
 */
public record CopiedSecret(
        Secret secret,
        String sourceNamespace,
        String sourceName,
        List<String> requiredEntries,
        List<String> oneOfEntries) {

    /** The annotation naming the source ({@code namespace/name}), so that an operator sees where a copy comes from. */
    public static final String COPIED_FROM = "dbaas.io/copied-from";

    public CopiedSecret {
        requiredEntries = List.copyOf(requiredEntries);
        oneOfEntries = List.copyOf(oneOfEntries);
    }

    public String name() {
        return secret.getMetadata().getName();
    }

    /** What the source lacks, in words without any value; empty when it holds what the copy needs. */
    public Optional<String> lacking(Secret source) {
        List<String> missing =
                requiredEntries.stream().filter(entry -> !holds(source, entry)).toList();
        if (!missing.isEmpty()) {
            return Optional.of("it holds no " + String.join(", ", missing) + " entry");
        }
        if (!oneOfEntries.isEmpty() && oneOfEntries.stream().noneMatch(entry -> holds(source, entry))) {
            return Optional.of("it holds none of the entries " + String.join(", ", oneOfEntries));
        }
        return Optional.empty();
    }

    /** An empty entry is no credential: a Secret created with a missing value must not pass for a complete one. */
    private static boolean holds(Secret source, String entry) {
        return SecretEntries.read(source, entry)
                .filter(value -> !value.isBlank())
                .isPresent();
    }

    /** The copy holding the source's entries that are named here, as data (the form the API server returns). */
    public Secret copyOf(Secret source) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String entry : entries()) {
            SecretEntries.read(source, entry).ifPresent(value -> data.put(entry, SecretEntries.encode(value)));
        }
        return new SecretBuilder(secret).withData(data).build();
    }

    /** Every entry that is copied when present. */
    public List<String> entries() {
        return Stream.concat(requiredEntries.stream(), oneOfEntries.stream()).toList();
    }
}

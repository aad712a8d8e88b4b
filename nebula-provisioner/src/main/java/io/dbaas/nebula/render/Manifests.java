package io.dbaas.nebula.render;

import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret.SecretInputs;
import io.dbaas.nebula.security.MasterKeys;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A cluster's objects as one multi-document YAML stream, in apply order: for review with placeholders instead of every
 * credential, or, on explicit request, with credentials generated as Nebula generates them at provisioning.
 */
public final class Manifests {

    /**
     * Stands in for the master key. Not a possible key (keys are 32 letters and digits), so that nobody mistakes it
     * for one and a manifest applied as is fails loudly instead of running with a known key.
     */
    public static final String MASTER_KEY_PLACEHOLDER =
            "<placeholder: Nebula generates the master key once, at" + " provisioning, and never renders it>";

    /** Stands in for generated TLS material and other generated credentials; not a possible PEM document either. */
    public static final String GENERATED_PLACEHOLDER =
            "<placeholder: Nebula generates this once, at provisioning, and never renders it>";

    /**
     * Marks every Secret whose content render generated, so that wherever the manifest ends up, its Secrets say that
     * they hold real credentials that no control plane keeps a copy of.
     */
    public static final String GENERATED_BY_RENDER = "dbaas.io/generated-by-render";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {}

    public static List<HasMetadata> objects(DesiredCluster cluster) {
        return cluster.inApplyOrder(
                cluster.masterKeySecretWithPlaceholder(MASTER_KEY_PLACEHOLDER),
                secret -> secret.withPlaceholder(GENERATED_PLACEHOLDER));
    }

    /**
     * The objects with real credentials, generated as the reconciler generates them for a new cluster: a new master
     * key, then each generated Secret in order, from the ones before it (the node certificate from the CA, the users'
     * password hashes from the master key). Every Secret is marked {@link #GENERATED_BY_RENDER}.
     *
     * @param clientAddresses addresses clients reach the cluster at besides its Service names, for its certificate
     */
    public static List<HasMetadata> objectsWithSecrets(DesiredCluster cluster, List<String> clientAddresses) {
        Secret masterKeySecret = markedAsRendered(cluster.masterKeySecretHolding(MasterKeys.generate()));
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put(masterKeySecret.getMetadata().getName(), masterKeySecret);
        for (GeneratedSecret secret : cluster.generatedSecrets()) {
            secrets.put(secret.name(), markedAsRendered(secret.generate(new SecretInputs(secrets, clientAddresses))));
        }
        // Every generated secret was put in the map just above.
        return cluster.inApplyOrder(masterKeySecret, secret -> Objects.requireNonNull(secrets.get(secret.name())));
    }

    public static String toYaml(DesiredCluster cluster) {
        return toYaml(objects(cluster));
    }

    public static String toYaml(List<HasMetadata> objects) {
        return objects.stream().map(Manifests::document).collect(Collectors.joining());
    }

    private static Secret markedAsRendered(Secret secret) {
        return new SecretBuilder(secret)
                .editMetadata()
                .addToAnnotations(GENERATED_BY_RENDER, "true")
                .endMetadata()
                .build();
    }

    private static String document(HasMetadata object) {
        String yaml = SERIALIZATION.asYaml(object);
        String body = yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
        return "---\n" + (body.endsWith("\n") ? body : body + "\n");
    }
}

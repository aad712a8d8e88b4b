package io.dbaas.nebula.render;

import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.stream.Collectors;

/** A cluster's objects as one multi-document YAML stream, in apply order, with no credential in it. */
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

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {}

    public static List<HasMetadata> objects(DesiredCluster cluster) {
        return cluster.inApplyOrder(
                cluster.masterKeySecretWithPlaceholder(MASTER_KEY_PLACEHOLDER),
                secret -> secret.withPlaceholder(GENERATED_PLACEHOLDER));
    }

    public static String toYaml(DesiredCluster cluster) {
        return objects(cluster).stream().map(Manifests::document).collect(Collectors.joining());
    }

    private static String document(HasMetadata object) {
        String yaml = SERIALIZATION.asYaml(object);
        String body = yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
        return "---\n" + (body.endsWith("\n") ? body : body + "\n");
    }
}

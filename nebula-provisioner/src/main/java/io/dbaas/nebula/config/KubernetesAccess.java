package io.dbaas.nebula.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach one region's Kubernetes API. Exactly one way applies: {@code api-url} (with an optional bearer token),
 * {@code in-cluster}, or else a kubeconfig {@code context} (blank means the kubeconfig's current context).
 *
 * <p>A blank context does not count as a choice, so that a default of {@code context: ""} can be overridden by
 * setting only {@code api-url} on the command line.
 *
 * @param context kubeconfig context name; blank for the current context
 * @param apiUrl the API server URL, for example {@code https://10.0.0.1:6443}
 * @param token bearer token sent to {@code api-url}; never logged
 * @param trustCertificates whether to trust any TLS certificate of {@code api-url} (development clusters only)
 * @param inCluster use the service account Nebula runs under, in the cluster it runs in
 */
public record KubernetesAccess(
        @DefaultValue("") String context,
        @DefaultValue("") String apiUrl,
        @DefaultValue("") String token,
        boolean trustCertificates,
        boolean inCluster) {

    public KubernetesAccess {
        if (!apiUrl.isBlank() && !context.isBlank()) {
            throw new IllegalArgumentException("set either kubernetes.context or kubernetes.api-url, not both");
        }
        if (inCluster && (!apiUrl.isBlank() || !context.isBlank())) {
            throw new IllegalArgumentException(
                    "kubernetes.in-cluster excludes kubernetes.context and kubernetes.api-url");
        }
        if (!token.isBlank() && apiUrl.isBlank()) {
            throw new IllegalArgumentException("kubernetes.token is only used with kubernetes.api-url");
        }
    }

    public Mode mode() {
        if (!apiUrl.isBlank()) {
            return Mode.API_URL;
        }
        return inCluster ? Mode.IN_CLUSTER : Mode.KUBECONFIG;
    }

    /** The kubeconfig context to use, or null for the current one. */
    public @Nullable String contextOrNull() {
        return context.isBlank() ? null : context;
    }

    /** Keeps the token out of logs and error messages. */
    @Override
    public String toString() {
        return "KubernetesAccess[mode=" + mode() + ", context=" + context + ", apiUrl=" + apiUrl + "]";
    }

    public enum Mode {
        KUBECONFIG,
        API_URL,
        IN_CLUSTER
    }
}

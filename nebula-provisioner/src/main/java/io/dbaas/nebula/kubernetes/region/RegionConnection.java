package io.dbaas.nebula.kubernetes.region;

import io.dbaas.nebula.region.Region;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A region and the client of its Kubernetes API.
 *
 * @param apiUrl the API server URL, safe to show (no credentials in it)
 * @param access how the API is reached, for log lines: {@code context minikube}, the URL, or in-cluster
 */
public record RegionConnection(Region region, KubernetesClient client, String apiUrl, String access) {

    /** For messages: {@code The Kubernetes API of minikube/local (https://127.0.0.1:8443)}. */
    public String apiDescription() {
        return "The Kubernetes API of " + region.id() + " (" + apiUrl + ")";
    }
}

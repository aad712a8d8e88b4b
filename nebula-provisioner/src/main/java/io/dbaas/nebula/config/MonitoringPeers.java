package io.dbaas.nebula.config;

import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform's Prometheus scrapes from, as a database cluster's NetworkPolicies must admit it on the metrics
 * ports (and nothing else): the namespaces {@code namespace-selector} selects and, when set, only the pods
 * {@code pod-selector} selects in them. Unset ({@code nebula.monitoring} and the region's {@code monitoring} both
 * absent), no cluster admits any scraper and Nebula renders no metrics objects.
 *
 * @param namespaceSelector labels of the monitoring namespace; required, since an empty selector would admit every
 *     namespace
 * @param podSelector labels of the scraper's pods in that namespace; empty for any pod there
 */
public record MonitoringPeers(
        @DefaultValue Map<String, String> namespaceSelector,
        @DefaultValue Map<String, String> podSelector) {

    public MonitoringPeers {
        namespaceSelector = Map.copyOf(namespaceSelector);
        podSelector = Map.copyOf(podSelector);
        if (namespaceSelector.isEmpty()) {
            // An empty namespace selector in a NetworkPolicy peer selects every namespace: refuse it.
            throw new IllegalArgumentException(
                    "monitoring needs a namespace-selector naming the monitoring namespace; an empty one would admit"
                            + " every namespace");
        }
    }
}

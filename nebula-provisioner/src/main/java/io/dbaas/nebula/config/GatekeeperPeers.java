package io.dbaas.nebula.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where GateKeeper's traffic comes from, as a database cluster's NetworkPolicy must admit it on the client ports.
 *
 * <p>GateKeeper pods are selected by {@code pod-selector} in the namespaces {@code namespace-selector} selects; an
 * empty namespace selector with a pod selector means "those pods in any namespace". With load-balancer exposure the
 * traffic arrives from outside the cluster, so the load balancer's source ranges go in {@code ip-blocks}.
 *
 * <p>When {@code nebula.gatekeeper} is not configured at all, {@link #DEFAULT} applies. The defaults are not in
 * {@code application.yaml} on purpose: Spring merges map properties across sources, so a default label there would
 * survive in a selector the operator replaced.
 *
 * @param namespaceSelector labels of the namespaces GateKeeper runs in
 * @param podSelector labels of GateKeeper's pods
 * @param ipBlocks CIDRs GateKeeper's traffic comes from when it is outside the cluster (load-balancer exposure)
 */
public record GatekeeperPeers(
        @DefaultValue Map<String, String> namespaceSelector,
        @DefaultValue Map<String, String> podSelector,
        @DefaultValue List<String> ipBlocks) {

    /** GateKeeper as the control plane's Helm chart installs it: namespace {@code dbaas-system}. */
    public static final GatekeeperPeers DEFAULT = new GatekeeperPeers(
            Map.of("kubernetes.io/metadata.name", "dbaas-system"),
            Map.of("app.kubernetes.io/name", "gatekeeper-proxy"),
            List.of());

    private static final Pattern CIDR = Pattern.compile("[0-9a-fA-F:.]+/[0-9]{1,3}");

    public GatekeeperPeers {
        namespaceSelector = Map.copyOf(namespaceSelector);
        podSelector = Map.copyOf(podSelector);
        ipBlocks = List.copyOf(ipBlocks);
        if (namespaceSelector.isEmpty() && podSelector.isEmpty() && ipBlocks.isEmpty()) {
            // Empty selectors in a NetworkPolicy peer select everything: refuse rather than admit the world.
            throw new IllegalArgumentException(
                    "gatekeeper needs a namespace-selector, a pod-selector or ip-blocks; empty selectors would admit"
                            + " every pod");
        }
        ipBlocks.forEach(block -> {
            if (!CIDR.matcher(block).matches()) {
                throw new IllegalArgumentException("gatekeeper.ip-blocks must be CIDRs, got '" + block + "'");
            }
        });
    }

    /** Whether GateKeeper is found by labels, that is inside the same Kubernetes cluster. */
    public boolean selectsPods() {
        return !namespaceSelector.isEmpty() || !podSelector.isEmpty();
    }
}

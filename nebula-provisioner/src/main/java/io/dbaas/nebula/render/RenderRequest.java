package io.dbaas.nebula.render;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.infrastructure.ClusterOperation;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.security.tls.SubjectAlternativeNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bouncycastle.util.IPAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The cluster spec to render, read from the command line ({@code --engine=qdrant}) or from a spec file with the same
 * keys ({@code --spec=cluster.yaml}); both end up in the Spring environment.
 *
 * @param withSecrets whether to generate real credentials instead of placeholders ({@code --with-secrets})
 * @param clientAddresses further names for the cluster's certificate ({@code --client-addresses}), only with secrets
 */
record RenderRequest(DBClusterSpecs specs, boolean clusterIdGiven, boolean withSecrets, List<String> clientAddresses) {

    RenderRequest {
        clientAddresses = List.copyOf(clientAddresses);
    }

    /** Command and correlation ids do not exist for a rendering; a fixed id keeps the output reproducible. */
    static final UUID NO_COMMAND = new UUID(0L, 0L);

    static final String USAGE = """
            Usage: java -jar nebula-provisioner.jar render --engine=qdrant --version=1.15.5 --nodes=3 --cpu=1 \\
                     --memory=2Gi --disk=10Gi --provider=minikube --region=local \\
                     [--cluster-id=<uuid>] [--name=<display name>] [--endpoint=<host>] [--nebula.<setting>=<value>] \\
                     [--with-secrets [--client-addresses=<host or IP>,...]]
               or: java -jar nebula-provisioner.jar render --spec=cluster.yaml   (the same keys, one per line)
            Prints the manifests Nebula would apply, as multi-document YAML, without touching any cluster. Credentials
            are placeholders; --with-secrets generates real ones (the output is then a secret itself), and
            --client-addresses adds host names or IP addresses clients use to the cluster's TLS certificate.""";

    static final String WITH_SECRETS = "with-secrets";
    static final String CLIENT_ADDRESSES = "client-addresses";

    private static final List<String> REQUIRED =
            List.of("engine", "version", "nodes", "cpu", "memory", "disk", "provider", "region");

    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");

    static RenderRequest from(Environment environment) {
        List<String> missing = new ArrayList<>();
        for (String key : REQUIRED) {
            if (!environment.containsProperty(key)) {
                missing.add("--" + key);
            }
        }
        if (!missing.isEmpty()) {
            throw new RenderException("missing " + String.join(", ", missing));
        }
        Engine engine = Engine.fromId(environment.getRequiredProperty("engine"))
                .orElseThrow(
                        () -> new RenderException("unknown engine '" + environment.getProperty("engine") + "'; known: "
                                + Arrays.stream(Engine.values()).map(Engine::id).collect(Collectors.joining(", "))));
        Optional<String> givenId = Optional.ofNullable(environment.getProperty("cluster-id"));
        UUID clusterId = givenId.map(RenderRequest::uuid).orElseGet(UUID::randomUUID);
        String provider = environment.getRequiredProperty("provider");
        String region = environment.getRequiredProperty("region");
        DBClusterSpecs specs = new DBClusterSpecs(
                clusterId,
                environment.getProperty("name", "rendered"),
                engine,
                environment.getRequiredProperty("version"),
                nodes(environment.getRequiredProperty("nodes")),
                environment.getRequiredProperty("cpu"),
                environment.getRequiredProperty("memory"),
                environment.getRequiredProperty("disk"),
                provider,
                region,
                environment.getProperty("endpoint", clusterId + "." + region + "." + provider + ".dbaas.local"),
                NO_COMMAND,
                NO_COMMAND,
                null,
                null,
                ClusterOperation.PROVISION,
                // The owning account places the cluster in its region's backup storage; without one, none is shown.
                Optional.ofNullable(environment.getProperty("account-id"))
                        .map(RenderRequest::uuid)
                        .orElse(null),
                null);
        boolean withSecrets = withSecrets(environment.getProperty(WITH_SECRETS));
        List<String> clientAddresses = Binder.get(environment)
                .bind(CLIENT_ADDRESSES, Bindable.listOf(String.class))
                .orElse(List.of());
        if (!clientAddresses.isEmpty() && !withSecrets) {
            throw new RenderException("--" + CLIENT_ADDRESSES + " names addresses in the cluster's TLS certificate,"
                    + " which only --" + WITH_SECRETS + " generates");
        }
        clientAddresses.forEach(RenderRequest::requireAddress);
        return new RenderRequest(specs, givenId.isPresent(), withSecrets, clientAddresses);
    }

    /** {@code --with-secrets} alone means yes; a spec file may say {@code with-secrets: true} or {@code false}. */
    private static boolean withSecrets(@Nullable String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        throw new RenderException("--" + WITH_SECRETS + " takes no value (or true or false), got '" + value + "'");
    }

    private static void requireAddress(String address) {
        boolean valid = SubjectAlternativeNames.isIpAddress(address)
                ? IPAddress.isValid(address)
                : address.length() <= 253 && HOST_NAME.matcher(address).matches();
        if (!valid) {
            throw new RenderException(
                    "--" + CLIENT_ADDRESSES + " takes host names and IP addresses, got '" + address + "'");
        }
    }

    private static int nodes(String value) {
        try {
            int nodes = Integer.parseInt(value);
            if (nodes >= 1) {
                return nodes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RenderException("--nodes must be a whole number of at least 1, got '" + value + "'");
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new RenderException("--cluster-id must be a UUID, got '" + value + "'");
        }
    }
}

package io.dbaas.nebula.kubernetes.region;

import io.dbaas.nebula.config.KubernetesAccess;
import io.dbaas.nebula.region.Region;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** Builds the fabric8 configuration of one region from the way the catalog says to reach it. */
final class KubernetesConfigs {

    private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    private static final int CONNECTION_TIMEOUT_MILLIS = 5_000;
    private static final int REQUEST_TIMEOUT_MILLIS = 15_000;

    private KubernetesConfigs() {}

    /** A configuration and how it reaches the API, for log lines. */
    record RegionConfig(Config config, String access) {}

    static RegionConfig of(Region region) {
        KubernetesAccess access = region.properties().kubernetes();
        RegionConfig built =
                switch (access.mode()) {
                    case API_URL -> apiUrl(access);
                    case IN_CLUSTER -> inCluster();
                    case KUBECONFIG -> kubeconfig(region, access);
                };
        // Nebula retries transient failures itself, with its own back-off, and reports them; fabric8's built-in
        // retries would only make an unreachable API take minutes to report.
        built.config().setRequestRetryBackoffLimit(0);
        return built;
    }

    /** The API URL without credentials or trailing slash, fit for logs and failure reasons. */
    static String displayUrl(String masterUrl) {
        try {
            URI uri = URI.create(masterUrl);
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            return uri.getScheme() + "://" + uri.getHost() + port + path;
        } catch (IllegalArgumentException e) {
            return "an invalid URL";
        }
    }

    private static RegionConfig apiUrl(KubernetesAccess access) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(access.apiUrl())
                .withOauthToken(access.token().isBlank() ? null : access.token())
                .withTrustCerts(access.trustCertificates())
                .withConnectionTimeout(CONNECTION_TIMEOUT_MILLIS)
                .withRequestTimeout(REQUEST_TIMEOUT_MILLIS)
                .build();
        return new RegionConfig(config, displayUrl(access.apiUrl()));
    }

    private static RegionConfig inCluster() {
        String host = System.getenv("KUBERNETES_SERVICE_HOST");
        String port = System.getenv("KUBERNETES_SERVICE_PORT");
        if (host == null || port == null || !Files.isReadable(SERVICE_ACCOUNT.resolve("token"))) {
            throw new RegionUnavailableException(
                    "Nebula does not run inside a Kubernetes cluster (no KUBERNETES_SERVICE_HOST or service account"
                            + " token), but the region is configured with in-cluster: true");
        }
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port)
                .withCaCertFile(SERVICE_ACCOUNT.resolve("ca.crt").toString())
                // Read on every request: the kubelet rotates projected service-account tokens.
                .withOauthTokenProvider(() -> readToken(SERVICE_ACCOUNT.resolve("token")))
                .withConnectionTimeout(CONNECTION_TIMEOUT_MILLIS)
                .withRequestTimeout(REQUEST_TIMEOUT_MILLIS)
                .build();
        return new RegionConfig(config, "in-cluster service account");
    }

    private static RegionConfig kubeconfig(Region region, KubernetesAccess access) {
        Collection<String> candidates = Config.getKubeconfigFilenames();
        List<String> present = candidates.stream()
                .filter(file -> Files.isReadable(Path.of(file)))
                .toList();
        if (present.isEmpty()) {
            throw new RegionUnavailableException("no kubeconfig was found (looked for "
                    + String.join(", ", candidates) + "; set KUBECONFIG or configure"
                    + " nebula.providers." + region.id().provider() + ".regions."
                    + region.id().region()
                    + ".kubernetes.api-url)");
        }
        String context = access.contextOrNull();
        Config config;
        try {
            config = Config.autoConfigure(context);
        } catch (KubernetesClientException e) {
            throw new RegionUnavailableException("the kubeconfig could not be read: " + e.getMessage());
        }
        var current = config.getCurrentContext();
        if (current == null) {
            throw new RegionUnavailableException(
                    context == null
                            ? "the kubeconfig has no current context"
                            : "the kubeconfig has no context named '" + context + "'");
        }
        if (context != null && !context.equals(current.getName())) {
            throw new RegionUnavailableException("the kubeconfig has no context named '" + context + "'");
        }
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
        return new RegionConfig(config, "context " + current.getName());
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service account token", e);
        }
    }
}

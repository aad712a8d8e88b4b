package io.dbaas.nebula.kubernetes.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of one cluster's real nodes, as an operator would call them: HTTPS to a pod's address, trusting only the
 * cluster's CA from its Secret and checking the certificate's name, with the {@code elastic} user and the master key.
 */
final class RealNodes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UUID clusterId;
    private final SSLContext tls;
    private final HttpClient http;
    private final String authorization;

    RealNodes(KubernetesClient client, UUID clusterId) {
        this(client, clusterId, null, null);
    }

    /** As another user than {@code elastic}: {@code user} with {@code password}. */
    static RealNodes as(KubernetesClient client, UUID clusterId, String user, String password) {
        return new RealNodes(client, clusterId, user, password);
    }

    private RealNodes(KubernetesClient client, UUID clusterId, String user, String password) {
        this.clusterId = clusterId;
        String namespace = ResourceNames.namespace(clusterId);
        Secret ca = client.secrets()
                .inNamespace(namespace)
                .withName(ElasticsearchNames.CA_SECRET)
                .get();
        Secret key = client.secrets()
                .inNamespace(namespace)
                .withName(ElasticsearchNames.ELASTIC_USER_SECRET)
                .get();
        this.tls = trusting(
                SecretEntries.read(ca, ElasticsearchNames.CA_CERTIFICATE_ENTRY).orElseThrow());
        this.http = HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        String credentials = user != null
                ? user + ":" + password
                : "elastic:"
                        + SecretEntries.read(key, ElasticsearchNames.ELASTIC_USER_ENTRY)
                                .orElseThrow();
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET path} on pod {@code ordinal}; the answer's JSON, or an assertion error naming the status. */
    JsonNode get(int ordinal, String path) {
        HttpResponse<String> response = send(ordinal, "GET", path, null);
        assertThat(response.statusCode())
                .as("GET %s on pod %d: %s", path, ordinal, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    HttpResponse<String> send(int ordinal, String method, String path, String body) {
        // By the pod's name under the headless Service, which the node certificate carries.
        URI uri = URI.create("https://" + ElasticsearchNames.podHost(clusterId, ordinal) + ":9200/" + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The serial number of the certificate pod {@code ordinal} presents to a new connection now. */
    BigInteger servedCertificate(int ordinal) {
        try (SSLSocket socket =
                (SSLSocket) tls.getSocketFactory().createSocket(ElasticsearchNames.podHost(clusterId, ordinal), 9200)) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The UUID of the cluster pod {@code ordinal} belongs to. */
    String clusterUuid(int ordinal) {
        return get(ordinal, "_cluster/state/master_node?local=true")
                .get("cluster_uuid")
                .asString();
    }

    private static SSLContext trusting(String caPem) {
        try {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("cluster-ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

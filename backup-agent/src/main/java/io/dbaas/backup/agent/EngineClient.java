package io.dbaas.backup.agent;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Calls an engine's HTTP API with the cluster's credential: basic authentication for Elasticsearch, the {@code api-key}
 * header for Qdrant. Answers are read up to a limit; transport failures become short reasons naming the endpoint's
 * host, never a credential.
 */
final class EngineClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final @Nullable String authorizationHeader;
    private final @Nullable String authorizationValue;
    private final Duration requestTimeout;
    private final int maxAnswerBytes;

    private EngineClient(
            HttpClient http,
            @Nullable String authorizationHeader,
            @Nullable String authorizationValue,
            Duration requestTimeout,
            int maxAnswerBytes) {
        this.http = http;
        this.authorizationHeader = authorizationHeader;
        this.authorizationValue = authorizationValue;
        this.requestTimeout = requestTimeout;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    static EngineClient of(AgentSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        settings.caFile().ifPresent(ca -> builder.sslContext(ClusterCertificates.trusting(ca)));
        Optional<String> credential = settings.credentialFile().map(EngineClient::readCredential);
        String header = null;
        String value = null;
        if (credential.isPresent()) {
            if (settings.engine() == AgentSettings.Engine.QDRANT) {
                header = "api-key";
                value = credential.get();
            } else {
                String user = settings.username() == null ? "elastic" : settings.username();
                header = "Authorization";
                value = "Basic "
                        + Base64.getEncoder()
                                .encodeToString((user + ":" + credential.get()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return new EngineClient(builder.build(), header, value, settings.requestTimeout(), settings.maxAnswerBytes());
    }

    EngineAnswer send(URI endpoint, String method, String path, @Nullable JsonNode body) {
        URI uri = endpoint.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorizationHeader != null && authorizationValue != null) {
            request.header(authorizationHeader, authorizationValue);
        }
        HttpResponse<byte[]> response = exchange(request.build(), uri);
        return new EngineAnswer(response.statusCode(), parse(response.body(), uri));
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, URI uri) {
        String where = uri.getHost() + ":" + uri.getPort();
        try {
            return http.send(request, BoundedBody.limitedTo(maxAnswerBytes));
        } catch (HttpConnectTimeoutException e) {
            throw new AgentFailure("no connection to " + where + " within 10 s");
        } catch (HttpTimeoutException e) {
            throw new AgentFailure("no answer from " + where + " within " + requestTimeout);
        } catch (ConnectException e) {
            throw new AgentFailure("connection to " + where + " refused");
        } catch (SSLHandshakeException e) {
            throw new AgentFailure("TLS handshake with " + where + " failed: " + e.getMessage());
        } catch (IOException e) {
            if (e.getCause() instanceof AgentFailure failure) {
                throw failure;
            }
            throw new AgentFailure(
                    "calling " + where + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentFailure("interrupted while calling " + where);
        }
    }

    private static JsonNode parse(byte[] body, URI uri) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new AgentFailure("the answer of " + uri.getHost() + ":" + uri.getPort() + " is not JSON");
        }
    }

    private static String readCredential(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AgentFailure("the credential file " + file + " cannot be read");
        }
    }
}

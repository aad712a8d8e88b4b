package io.dbaas.local;

import io.dbaas.contracts.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The HTTP client the end-to-end tests call the services with, as any client of the product would. */
final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final MessageCodec CODEC = new MessageCodec();

    private Http() {}

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.BodyPublisher body(@Nullable String body) {
        return body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    }

    static JsonNode json(HttpResponse<String> response) {
        return CODEC.json().readTree(response.body());
    }

    /** The {@code type} of an {@code application/problem+json} answer; fails if the answer is not one. */
    static String problemType(HttpResponse<String> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("application/problem+json")) {
            throw new AssertionError("not a problem+json answer (" + response.statusCode() + ", Content-Type '"
                    + contentType + "'): " + response.body());
        }
        return json(response).get("type").asString();
    }
}

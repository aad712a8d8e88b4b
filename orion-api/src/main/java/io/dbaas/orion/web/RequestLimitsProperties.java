package io.dbaas.orion.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much of a request Orion reads before it refuses it. Every API body is a few hundred bytes of JSON, so the bounds
 * are small: a client cannot make Orion hold more than {@code maxBodySize} per request, whatever it sends.
 *
 * @param maxBodySize the largest request body read; a larger one is answered {@code 413} as soon as it is known to be
 *     larger: at once when {@code Content-Length} says so, otherwise when the limit is passed while reading
 *     ({@code orion.requests.max-body-size})
 * @param maxStringLength the longest JSON string value, in characters ({@code orion.requests.max-string-length})
 * @param maxNameLength the longest JSON property name, in characters ({@code orion.requests.max-name-length})
 * @param maxNestingDepth how deep JSON objects and arrays may nest ({@code orion.requests.max-nesting-depth})
 * @param maxNumberLength the most characters of a JSON number ({@code orion.requests.max-number-length})
 */
@ConfigurationProperties("orion.requests")
public record RequestLimitsProperties(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("8192") int maxStringLength,
        @DefaultValue("256") int maxNameLength,
        @DefaultValue("32") int maxNestingDepth,
        @DefaultValue("32") int maxNumberLength) {

    private static final String PREFIX = "orion.requests.";

    /** Checked when the settings are bound, so that a wrong value stops the start rather than a request. */
    public RequestLimitsProperties {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException(PREFIX + "max-body-size must be at least 1B, was " + maxBodySize);
        }
        positive("max-string-length", maxStringLength);
        positive("max-name-length", maxNameLength);
        positive("max-nesting-depth", maxNestingDepth);
        positive("max-number-length", maxNumberLength);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(PREFIX + name + " must be at least 1, was " + value);
        }
    }
}

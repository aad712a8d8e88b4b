package io.dbaas.orion.apikey;

import io.dbaas.contracts.security.KeyScope;
import io.dbaas.orion.shared.FieldViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a request for an API key or a token must say. A missing or unknown value is refused with every field at fault
 * ({@link InvalidCredentialRequestException}); an expiry outside the allowed window, once the rest is valid, with
 * {@link LifetimeOutOfRangeException}.
 */
@Component
class CredentialRequestRules {

    static final int MAX_NAME_LENGTH = 64;
    private static final String SCOPES =
            Arrays.stream(KeyScope.values()).map(KeyScope::id).collect(Collectors.joining(", "));

    private final CredentialProperties properties;
    private final Clock clock;

    CredentialRequestRules(CredentialProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** A key request: a name, a scope, and an expiry in the future within the configured bound, or none. */
    NewApiKey apiKey(@Nullable String name, @Nullable String scope, @Nullable Instant expiresAt) {
        var violations = new ArrayList<FieldViolation>();
        String validName = name(name, violations);
        KeyScope validScope = scope(scope, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCredentialRequestException(violations);
        }
        return new NewApiKey(validName, validScope, expiresAt == null ? null : expiry(expiresAt));
    }

    /** A token request: a scope and a lifetime within the configured bounds (the default when not given). */
    NewClusterToken clusterToken(@Nullable String scope, @Nullable Integer expiresInSeconds) {
        var violations = new ArrayList<FieldViolation>();
        KeyScope validScope = scope(scope, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCredentialRequestException(violations);
        }
        Duration lifetime =
                expiresInSeconds == null ? properties.tokenDefaultLifetime() : Duration.ofSeconds(expiresInSeconds);
        if (lifetime.compareTo(properties.tokenMinLifetime()) < 0
                || lifetime.compareTo(properties.tokenMaxLifetime()) > 0) {
            throw new LifetimeOutOfRangeException(
                    "expires_in_seconds",
                    "must be between %d and %d"
                            .formatted(
                                    properties.tokenMinLifetime().toSeconds(),
                                    properties.tokenMaxLifetime().toSeconds()));
        }
        return new NewClusterToken(validScope, lifetime);
    }

    private Instant expiry(Instant expiresAt) {
        // A key carries its expiry in whole seconds; what is stored and answered is what the key says.
        Instant expiry = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        Instant now = clock.instant();
        if (!expiry.isAfter(now)) {
            throw new LifetimeOutOfRangeException("expires_at", "must be in the future");
        }
        if (expiry.isAfter(now.plus(properties.apiKeyMaxLifetime()))) {
            throw new LifetimeOutOfRangeException(
                    "expires_at",
                    "must be at most %d days ahead (or absent for a key that does not expire)"
                            .formatted(properties.apiKeyMaxLifetime().toDays()));
        }
        return expiry;
    }

    private static String name(@Nullable String name, List<FieldViolation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation("name", "is required"));
            return "";
        }
        String stripped = name.strip();
        if (stripped.codePointCount(0, stripped.length()) > MAX_NAME_LENGTH) {
            violations.add(new FieldViolation("name", "must be at most %d characters".formatted(MAX_NAME_LENGTH)));
        } else if (stripped.chars().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation("name", "must not contain control characters"));
        }
        return stripped;
    }

    private static KeyScope scope(@Nullable String scope, List<FieldViolation> violations) {
        if (scope == null) {
            violations.add(new FieldViolation("scope", "is required; one of " + SCOPES));
            return KeyScope.READ_ONLY;
        }
        Optional<KeyScope> known = KeyScope.fromId(scope);
        if (known.isEmpty()) {
            violations.add(new FieldViolation("scope", "must be one of " + SCOPES));
            return KeyScope.READ_ONLY;
        }
        return known.get();
    }
}

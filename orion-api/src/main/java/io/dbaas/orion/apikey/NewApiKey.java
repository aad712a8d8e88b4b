package io.dbaas.orion.apikey;

import io.dbaas.contracts.security.KeyScope;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A valid request for a key: a name, a scope and an optional expiry, to the second (the precision a key carries).
 * Made by {@link CredentialRequestRules}.
 */
public record NewApiKey(
        String name, KeyScope scope, @Nullable Instant expiresAt) {}

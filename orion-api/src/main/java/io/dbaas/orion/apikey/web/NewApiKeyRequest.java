package io.dbaas.orion.apikey.web;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/clusters/{id}/api-keys}: a name saying who or what holds the key (1–64 characters), its scope
 * ({@code read-write} or {@code read-only}), and optionally when it expires (absent: never).
 */
record NewApiKeyRequest(
        @Nullable String name,
        @Nullable String scope,
        @Nullable Instant expiresAt) {}

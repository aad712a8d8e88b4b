package io.dbaas.orion.apikey.web;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/clusters/{id}/tokens}: the token's scope ({@code read-write} or {@code read-only}) and how many
 * seconds it lasts (the configured default when absent).
 */
record NewClusterTokenRequest(
        @Nullable String scope, @Nullable Integer expiresInSeconds) {}

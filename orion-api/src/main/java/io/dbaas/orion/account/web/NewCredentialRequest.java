package io.dbaas.orion.account.web;

import org.jspecify.annotations.Nullable;

/** {@code POST /v1/accounts/{id}/credentials}: a name saying who or what holds it, and its role. */
record NewCredentialRequest(@Nullable String name, @Nullable String role) {}

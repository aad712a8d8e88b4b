package io.dbaas.orion.apikey;

import io.dbaas.contracts.security.KeyScope;
import java.time.Duration;

/** A valid request for a token: its scope and how long it lasts. Made by {@link CredentialRequestRules}. */
public record NewClusterToken(KeyScope scope, Duration lifetime) {}

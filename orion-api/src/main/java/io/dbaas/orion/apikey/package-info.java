/**
 * Credentials of clusters, derived from each cluster's master key: API keys (with id, scope, expiry, revocable by
 * event) and short-lived bearer tokens.
 */
@NullMarked
package io.dbaas.orion.apikey;

import org.jspecify.annotations.NullMarked;

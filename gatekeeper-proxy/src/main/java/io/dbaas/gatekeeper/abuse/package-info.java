/**
 * Abuse protection, in memory and per instance: a request rate per API key, and a budget of failed authentications
 * per client address after which that address is refused before any key is checked. Memory stays bounded: buckets
 * nobody touched for a full refill period are forgotten (a forgotten bucket and a full one behave the same), and the
 * number of buckets kept is capped.
 */
@NullMarked
package io.dbaas.gatekeeper.abuse;

import org.jspecify.annotations.NullMarked;

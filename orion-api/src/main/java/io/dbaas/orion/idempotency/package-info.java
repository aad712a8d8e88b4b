/**
 * {@code Idempotency-Key}: a client may repeat a request safely; the same key and request get the response the first
 * one got, recorded in PostgreSQL in the request's own transaction.
 */
// One way only: replays a recorded answer for any feature; it knows none of them.
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.dbaas.orion.idempotency;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

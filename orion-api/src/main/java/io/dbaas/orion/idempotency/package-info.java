/**
 * {@code Idempotency-Key}: a client may repeat a request safely; the same key and request get the response the first
 * one got, recorded in PostgreSQL in the request's own transaction.
 */
@NullMarked
package io.dbaas.orion.idempotency;

import org.jspecify.annotations.NullMarked;

/** How idempotency failures are answered over HTTP. */
@NullMarked
package io.dbaas.orion.idempotency.web;

import org.jspecify.annotations.NullMarked;

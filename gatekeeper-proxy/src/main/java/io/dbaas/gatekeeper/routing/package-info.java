/**
 * The data-plane entry: one route provider that takes every request on the public port straight on Reactor Netty, and
 * the handler that decides, in one fixed order, whether a request is refused (malformed, blocked address, unknown host,
 * cluster not serving, credential not valid, over its rate, read-only credential that writes) or sent to its cluster
 * with the cluster's own credential in place of the client's.
 */
@NullMarked
package io.dbaas.gatekeeper.routing;

import org.jspecify.annotations.NullMarked;

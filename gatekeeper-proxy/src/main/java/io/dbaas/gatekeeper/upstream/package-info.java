/**
 * The call to a cluster on Reactor Netty: one HTTP client per route over a connection pool bounded per cluster, the
 * headers swapped each way (credentials, forwarding and hop-by-hop headers), the answer streamed back, how long
 * GateKeeper waits for the cluster, and how its failures are told to the client without revealing the cluster's
 * internal address.
 */
@NullMarked
package io.dbaas.gatekeeper.upstream;

import org.jspecify.annotations.NullMarked;

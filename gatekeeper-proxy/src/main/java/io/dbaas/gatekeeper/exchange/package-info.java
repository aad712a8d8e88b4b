/**
 * One client request as GateKeeper handles it, straight on Reactor Netty: the request and response, the client address
 * GateKeeper decided, the cluster it was routed to and what was sent back, for the access log and the metrics.
 */
@NullMarked
package io.dbaas.gatekeeper.exchange;

import org.jspecify.annotations.NullMarked;

/**
 * What operators see of the traffic: one access-log line (logger {@code gatekeeper.access}) and one timer sample per
 * request, written when the request ends however it ends, tagged by cluster id. Only values GateKeeper itself decided
 * go in (cluster id from the directory, the resolved client address, a status class), never a credential, a cookie, a
 * query value or a host name a client made up.
 */
@NullMarked
package io.dbaas.gatekeeper.observability;

import org.jspecify.annotations.NullMarked;

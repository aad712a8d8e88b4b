/**
 * The call to a cluster: how long GateKeeper waits for it, and how its failures are told to the client without
 * revealing the cluster's internal address.
 */
@NullMarked
package io.dbaas.gatekeeper.upstream;

import org.jspecify.annotations.NullMarked;

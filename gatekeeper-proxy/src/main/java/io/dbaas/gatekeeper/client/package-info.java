/**
 * Who the client is: the socket peer, unless that peer is a configured trusted proxy that says otherwise in
 * {@code X-Forwarded-For}. Forwarding headers from anyone else are ignored, and none is passed to a cluster as given:
 * GateKeeper sends its own.
 */
@NullMarked
package io.dbaas.gatekeeper.client;

import org.jspecify.annotations.NullMarked;

/**
 * The data-plane entry: one catch-all gateway route on the cluster domain and the filter that checks the client's key
 * and sends the request to the cluster with the cluster's own credential.
 */
@NullMarked
package io.dbaas.gatekeeper.routing;

import org.jspecify.annotations.NullMarked;

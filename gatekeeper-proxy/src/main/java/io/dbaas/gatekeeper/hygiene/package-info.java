/**
 * What a request must look like before GateKeeper spends anything on it, checked first on the request path: bounded
 * headers, bounded body (counted as it streams), one unambiguous Host, and a client that keeps sending. Netty refuses
 * most malformed framing itself; the classes here add what it lets through and make its refusals problem+json like
 * every other answer.
 */
@NullMarked
package io.dbaas.gatekeeper.hygiene;

import org.jspecify.annotations.NullMarked;

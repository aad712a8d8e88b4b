/**
 * HTTPS and HTTP/2 on the public port, opt-in with {@code gatekeeper.tls.enabled}: either the certificate of a
 * configured Spring SSL bundle, or, for development only, a certificate signed at start-up by a throw-away certificate
 * authority whose certificate is written out for clients to trust and whose private key is never kept.
 */
@NullMarked
package io.dbaas.gatekeeper.tls;

import org.jspecify.annotations.NullMarked;

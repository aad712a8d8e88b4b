/**
 * HTTPS and HTTP/2 on the public port, opt-in with {@code gatekeeper.tls.enabled}: a certificate per region
 * ({@code *.<region>.<provider>.<domain>}) chosen by the server name a client sends (SNI), each from a Spring SSL
 * bundle, from PEM files, or, for development only, signed at start-up by a throw-away certificate authority whose
 * certificate is written out for clients to trust and whose private key is never kept.
 */
@NullMarked
package io.dbaas.gatekeeper.tls;

import org.jspecify.annotations.NullMarked;

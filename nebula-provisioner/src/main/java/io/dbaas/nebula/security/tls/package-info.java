/**
 * TLS material of database clusters: a certificate authority per cluster and the certificates it issues to the
 * cluster's nodes, as PEM. Generated with BouncyCastle, once per cluster; nothing here calls an API server.
 */
@NullMarked
package io.dbaas.nebula.security.tls;

import org.jspecify.annotations.NullMarked;

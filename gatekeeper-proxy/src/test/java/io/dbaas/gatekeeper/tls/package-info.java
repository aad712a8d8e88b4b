@NullMarked
package io.dbaas.gatekeeper.tls;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.dbaas.gatekeeper.upstream;

import org.jspecify.annotations.NullMarked;

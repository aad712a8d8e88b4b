@NullMarked
package io.dbaas.gatekeeper.exchange;

import org.jspecify.annotations.NullMarked;

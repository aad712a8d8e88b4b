@NullMarked
package io.dbaas.gatekeeper.support;

import org.jspecify.annotations.NullMarked;

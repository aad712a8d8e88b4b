@NullMarked
package io.dbaas.gatekeeper.client;

import org.jspecify.annotations.NullMarked;

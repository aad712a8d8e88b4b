@NullMarked
package io.dbaas.gatekeeper.directory;

import org.jspecify.annotations.NullMarked;

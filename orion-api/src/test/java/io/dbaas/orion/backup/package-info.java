@NullMarked
package io.dbaas.orion.backup;

import org.jspecify.annotations.NullMarked;

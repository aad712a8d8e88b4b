@NullMarked
package io.dbaas.orion;

import org.jspecify.annotations.NullMarked;

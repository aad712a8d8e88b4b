@NullMarked
package io.dbaas.orion.region;

import org.jspecify.annotations.NullMarked;

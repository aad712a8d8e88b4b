@NullMarked
package io.dbaas.orion.cluster;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.dbaas.orion.support;

import org.jspecify.annotations.NullMarked;

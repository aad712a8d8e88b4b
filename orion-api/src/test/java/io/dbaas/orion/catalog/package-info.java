@NullMarked
package io.dbaas.orion.catalog;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.dbaas.orion.apikey;

import org.jspecify.annotations.NullMarked;

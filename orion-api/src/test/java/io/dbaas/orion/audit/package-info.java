@NullMarked
package io.dbaas.orion.audit;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.dbaas.nebula.provisioning;

import org.jspecify.annotations.NullMarked;

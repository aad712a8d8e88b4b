@NullMarked
package io.dbaas.nebula.security;

import org.jspecify.annotations.NullMarked;

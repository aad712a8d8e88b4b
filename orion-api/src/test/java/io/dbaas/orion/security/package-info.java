@NullMarked
package io.dbaas.orion.security;

import org.jspecify.annotations.NullMarked;

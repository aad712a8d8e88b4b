/** The key-encryption key that opens sealed master keys. */
@NullMarked
package io.dbaas.orion.security;

import org.jspecify.annotations.NullMarked;

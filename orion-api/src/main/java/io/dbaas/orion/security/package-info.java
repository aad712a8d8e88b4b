/**
 * Who may call what: bearer management tokens, stateless, with problem+json refusals; and the key-encryption key that
 * opens sealed master keys.
 */
@NullMarked
package io.dbaas.orion.security;

import org.jspecify.annotations.NullMarked;

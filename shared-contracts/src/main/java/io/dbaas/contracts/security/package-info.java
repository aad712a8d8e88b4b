/** Shared cryptographic formats: how master keys travel sealed and how API keys derive from them. */
@NullMarked
package io.dbaas.contracts.security;

import org.jspecify.annotations.NullMarked;

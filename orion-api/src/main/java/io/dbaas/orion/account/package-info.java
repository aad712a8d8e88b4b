/**
 * Accounts (tenants) and their management credentials: who is calling, and with which role. Credentials are kept only
 * as hashes.
 */
@NullMarked
package io.dbaas.orion.account;

import org.jspecify.annotations.NullMarked;

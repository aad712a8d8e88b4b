/**
 * Accounts (tenants) and their management credentials: who is calling, and with which role. Credentials are kept only
 * as hashes.
 */
// One way only: accounts are who every feature serves; they know no feature.
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.dbaas.orion.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

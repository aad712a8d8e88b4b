@NullMarked
package io.dbaas.orion.account;

import org.jspecify.annotations.NullMarked;

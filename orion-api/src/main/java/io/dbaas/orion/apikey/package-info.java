/** API keys derived from a cluster's master key. */
@NullMarked
package io.dbaas.orion.apikey;

import org.jspecify.annotations.NullMarked;

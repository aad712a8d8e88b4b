@NullMarked
package io.dbaas.gatekeeper.abuse;

import org.jspecify.annotations.NullMarked;

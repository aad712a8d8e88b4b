@NullMarked
package io.dbaas.gatekeeper.problem;

import org.jspecify.annotations.NullMarked;

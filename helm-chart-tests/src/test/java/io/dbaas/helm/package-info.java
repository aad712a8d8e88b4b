/** What the dbaas-control-plane Helm chart renders, checked the way an operator relies on it. */
@NullMarked
package io.dbaas.helm;

import org.jspecify.annotations.NullMarked;

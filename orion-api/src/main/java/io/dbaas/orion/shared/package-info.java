/**
 * The shared kernel every feature speaks: how a refusal reads ({@link io.dbaas.orion.shared.FieldViolation}, the one
 * problem builder {@link io.dbaas.orion.shared.Problems} and the stable problem types), and the mark a feature puts on
 * a handler that changes state ({@link io.dbaas.orion.shared.Audited}, read by the audit module). It depends on no
 * feature, so every feature may depend on it.
 */
// One way only: the kernel: it depends on no module, so that every module may depend on it.
@ApplicationModule(allowedDependencies = {})
@NullMarked
package io.dbaas.orion.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

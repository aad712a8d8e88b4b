/**
 * RFC 9457 problem responses: every error GateKeeper itself produces has a stable type, a title, the status and a
 * detail, and never a secret or an exception message.
 */
@NullMarked
package io.dbaas.gatekeeper.problem;

import org.jspecify.annotations.NullMarked;

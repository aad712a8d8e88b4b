/** {@code GET /v1/audit-events}: an account's audit trail, for its admins and the platform operator. */
@NullMarked
package io.dbaas.orion.audit.web;

import org.jspecify.annotations.NullMarked;

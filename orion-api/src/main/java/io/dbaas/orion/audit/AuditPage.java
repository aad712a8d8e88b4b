package io.dbaas.orion.audit;

import java.util.List;
import java.util.Optional;

/** One page of audit events, newest first, and the token of the next page when there is one. */
public record AuditPage(List<AuditEvent> events, Optional<String> nextPageToken) {}

package io.dbaas.orion.audit.web;

import io.dbaas.orion.audit.AuditPage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of audit events, newest first. {@code next_page_token} is absent on the last page; pass it back as
 * {@code page_token}, with the same filters, for the next one.
 */
record AuditEventListResponse(
        List<AuditEventResponse> items, @Nullable String nextPageToken) {

    static AuditEventListResponse of(AuditPage page) {
        return new AuditEventListResponse(
                page.events().stream().map(AuditEventResponse::of).toList(),
                page.nextPageToken().orElse(null));
    }
}

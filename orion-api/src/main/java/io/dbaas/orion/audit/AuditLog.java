package io.dbaas.orion.audit;

import io.dbaas.orion.Quote;
import io.dbaas.orion.account.AccountAdministration;
import io.dbaas.orion.account.Caller;
import io.dbaas.orion.account.Role;
import io.dbaas.orion.shared.FieldViolation;
import io.dbaas.orion.shared.PageToken;
import io.dbaas.orion.shared.Paging;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit trail. An account's admins read their own account's events only; the platform operator reads any
 * account's, or all of them when it names none.
 */
@Service
public class AuditLog {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    private final AuditEvents events;

    AuditLog(AuditEvents events) {
        this.events = events;
    }

    /**
     * One page of the events the caller may read that match every given filter, newest first.
     *
     * @throws InvalidAuditQueryException naming every parameter at fault
     * @throws io.dbaas.orion.account.AccountNotFoundException when an admin names another account
     */
    @Transactional(readOnly = true)
    public AuditPage list(Caller caller, AuditQuery query) {
        var violations = new ArrayList<FieldViolation>();
        UUID accountId = parse("account_id", query.accountId(), UUID::fromString, "is not an id", violations);
        UUID actor = parse("actor", query.actor(), UUID::fromString, "is not a credential id", violations);
        AuditOutcome outcome =
                parse("outcome", query.outcome(), AuditLog::outcome, "is accepted or refused", violations);
        Instant since = parse("since", query.since(), Instant::parse, "is not an RFC 3339 instant", violations);
        Instant until = parse("until", query.until(), Instant::parse, "is not an RFC 3339 instant", violations);
        PageToken after = parse(
                "page_token",
                query.pageToken(),
                text -> PageToken.decode(text).orElseThrow(IllegalArgumentException::new),
                "is not a token from a previous page",
                violations);
        int pageSize = Paging.pageSize(query.pageSize(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, violations);
        if (!violations.isEmpty()) {
            throw new InvalidAuditQueryException(violations);
        }
        var filter = new AuditFilter(
                readableAccount(caller, accountId),
                query.resourceType(),
                query.resourceId(),
                query.action(),
                actor,
                outcome,
                since,
                until,
                after);
        List<AuditEvent> found = events.find(filter, pageSize + 1);
        if (found.size() <= pageSize) {
            return new AuditPage(found, Optional.empty());
        }
        List<AuditEvent> page = List.copyOf(found.subList(0, pageSize));
        return new AuditPage(
                page,
                Optional.of(new PageToken(
                                page.getLast().occurredAt(), page.getLast().id())
                        .encode()));
    }

    /** Operators read any account, or every one; anyone else their own, another account being as if it did not exist. */
    private static @Nullable UUID readableAccount(Caller caller, @Nullable UUID asked) {
        if (caller.role().includes(Role.OPERATOR)) {
            return asked;
        }
        if (asked != null) {
            AccountAdministration.requireOwnAccount(caller, asked);
        }
        return caller.accountId();
    }

    private static AuditOutcome outcome(String text) {
        return Arrays.stream(AuditOutcome.values())
                .filter(outcome -> outcome.id().equals(text))
                .findFirst()
                .orElseThrow(IllegalArgumentException::new);
    }

    private static <T> @Nullable T parse(
            String field,
            @Nullable String value,
            Function<String, T> parser,
            String problem,
            List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            violations.add(new FieldViolation(field, Quote.of(value) + " " + problem));
            return null;
        }
    }
}

package io.dbaas.orion.audit;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.shared.Audited;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A change request on its way through Orion, from the moment its handler and caller are known until its one audit
 * event is written: accepted with the change, or refused on its own. Kept as a request attribute.
 */
final class ChangeUnderAudit {

    private static final String ATTRIBUTE = ChangeUnderAudit.class.getName();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final int MAX_RESOURCE_ID_LENGTH = 200;
    private static final String ACCOUNT = "account";
    private static final String ACCOUNT_VARIABLE = "accountId";

    private final Audited audited;
    private final Caller caller;
    private final Map<String, String> pathVariables;
    private final String clientAddress;
    private final Instant startedAt;
    private boolean settled;

    ChangeUnderAudit(
            Audited audited,
            Caller caller,
            Map<String, String> pathVariables,
            String clientAddress,
            Instant startedAt) {
        this.audited = audited;
        this.caller = caller;
        this.pathVariables = Map.copyOf(pathVariables);
        this.clientAddress = clientAddress;
        // PostgreSQL keeps microseconds: the event read back, and page tokens made from it, say the same instant.
        this.startedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
    }

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    static Optional<ChangeUnderAudit> of(HttpServletRequest request) {
        return Optional.ofNullable(request.getAttribute(ATTRIBUTE))
                .filter(ChangeUnderAudit.class::isInstance)
                .map(ChangeUnderAudit.class::cast);
    }

    /** The change of the request this thread serves, if it is one. */
    static Optional<ChangeUnderAudit> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? of(servlet.getRequest()) : Optional.empty();
    }

    boolean settled() {
        return settled;
    }

    /** Its event is written, or it turned out to change nothing: nothing more is recorded for this request. */
    void settle() {
        settled = true;
    }

    AuditEvent accepted(int status, @Nullable URI location) {
        String created = location == null ? null : lastSegment(location);
        String resourceId = audited.resourceId().isEmpty() ? created : resourceId();
        UUID account = ACCOUNT.equals(audited.resourceType()) && created != null ? uuid(created) : null;
        return event(AuditOutcome.ACCEPTED, status, null, resourceId, account);
    }

    AuditEvent refused(int status, String problemType) {
        String resourceId = audited.resourceId().isEmpty() ? null : resourceId();
        return event(AuditOutcome.REFUSED, status, problemType, resourceId, null);
    }

    private AuditEvent event(
            AuditOutcome outcome,
            int status,
            @Nullable String problemType,
            @Nullable String resourceId,
            @Nullable UUID createdAccount) {
        return new AuditEvent(
                UUID.randomUUID(),
                startedAt,
                account(createdAccount),
                caller.credentialId(),
                caller.role().id(),
                audited.action(),
                audited.resourceType(),
                resourceId,
                outcome,
                status,
                problemType,
                clientAddress);
    }

    /**
     * The account acted on: one just opened, the one the path names (a stranger's path is refused before anything is
     * written), else the caller's own.
     */
    private UUID account(@Nullable UUID createdAccount) {
        if (createdAccount != null) {
            return createdAccount;
        }
        UUID named = uuid(pathVariables.get(ACCOUNT_VARIABLE));
        return named != null ? named : caller.accountId();
    }

    private @Nullable String resourceId() {
        Matcher variables = VARIABLE.matcher(audited.resourceId());
        var id = new StringBuilder();
        while (variables.find()) {
            String value = pathVariables.get(variables.group(1));
            if (value == null) {
                return null;
            }
            variables.appendReplacement(id, Matcher.quoteReplacement(value));
        }
        variables.appendTail(id);
        return id.length() > MAX_RESOURCE_ID_LENGTH ? id.substring(0, MAX_RESOURCE_ID_LENGTH) : id.toString();
    }

    private static @Nullable String lastSegment(URI location) {
        String path = location.getPath();
        if (path == null || path.isEmpty()) {
            return null;
        }
        String segment = path.substring(path.lastIndexOf('/') + 1);
        return segment.isEmpty() || segment.length() > MAX_RESOURCE_ID_LENGTH ? null : segment;
    }

    private static @Nullable UUID uuid(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}

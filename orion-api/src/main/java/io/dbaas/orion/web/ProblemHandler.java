package io.dbaas.orion.web;

import static io.dbaas.orion.shared.Problems.fieldsAtFault;
import static io.dbaas.orion.shared.Problems.problem;

import io.dbaas.orion.DatabaseOutage;
import io.dbaas.orion.Quote;
import io.dbaas.orion.shared.FieldViolation;
import io.dbaas.orion.shared.PathIdProblems;
import io.dbaas.orion.shared.ProblemTypes;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure no feature answers itself into an RFC 9457 problem with a stable {@code type}: unreadable
 * bodies, the framework's own refusals, a database outage, and the catch-all. Each feature answers its own refusals
 * (its {@code web.*Problems} handler, ordered first) and names its own path ids ({@link PathIdProblems}); this handler
 * knows no feature. Details name the fields at fault and never echo a secret or an internal message.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** How long a client should wait before retrying while PostgreSQL is away: long enough not to hammer it. */
    private static final Duration RETRY_AFTER_OUTAGE = Duration.ofSeconds(5);

    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate Object property \"(.*)\"", Pattern.DOTALL);

    private final RequestLimitsProperties limits;
    private final List<PathIdProblems> pathIdProblems;

    ProblemHandler(RequestLimitsProperties limits, List<PathIdProblems> pathIdProblems) {
        this.limits = limits;
        this.pathIdProblems = List.copyOf(pathIdProblems);
    }

    /**
     * A role check failed inside a controller (method security). Handed back to Spring Security, whose access-denied
     * handler writes the same 403 problem as for a refusal at the filter; otherwise the catch-all below would turn it
     * into a 500.
     */
    @ExceptionHandler
    void accessDenied(AccessDeniedException e) {
        throw e;
    }

    /**
     * A path id that is not a UUID names nothing, so it is answered like the missing resource it would have named, as
     * the feature owning that path variable says; a query parameter of the wrong type is the client's mistake, named as
     * such.
     */
    @ExceptionHandler
    ProblemDetail argumentOfTheWrongType(MethodArgumentTypeMismatchException e) {
        String name = e.getName();
        if (e.getParameter().hasParameterAnnotation(RequestParam.class)) {
            return fieldsAtFault(
                    ProblemTypes.INVALID_REQUEST,
                    "Invalid request",
                    List.of(new FieldViolation(name, "has the wrong type or format")));
        }
        String detail = "'" + name + "' is not an id";
        return pathIdProblems.stream()
                .flatMap(feature -> feature.notFound(name, detail).stream())
                .findFirst()
                .orElseGet(() -> problem(
                        HttpStatus.NOT_FOUND, ProblemTypes.forStatus(HttpStatus.NOT_FOUND), "Not found", detail));
    }

    /**
     * PostgreSQL cannot be reached: nothing was committed, and the same request will work once it is back. Neither the
     * cause nor the database's address is shown.
     */
    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn(
                "Answering 503: the database cannot be reached ({})",
                e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_OUTAGE.toSeconds()))
                .body(problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ProblemTypes.SERVICE_UNAVAILABLE,
                        "Service unavailable",
                        "The service cannot handle requests right now; retry after the time in Retry-After."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        // A database outage can surface wrapped in anything (a failed commit, a JPA exception): still a 503.
        if (DatabaseOutage.isCause(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        ProblemTypes.INTERNAL_ERROR,
                        "Internal error",
                        "The request failed on our side; it is safe to retry."));
    }

    /** Unreadable JSON, an unknown field, or a value of the wrong type: names the field, not the parser's message. */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (PayloadTooLargeException.isCause(e)) {
            return payloadTooLarge();
        }
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request", "");
        if (e.getCause() instanceof StreamConstraintsException) {
            problem.setDetail("The body passes one of the parser's limits: string length, name length, nesting depth"
                    + " or number length.");
        } else if (e.getCause() instanceof StreamReadException cause && duplicateKey(cause) instanceof String field) {
            String detail = "is given more than once";
            problem.setDetail(Quote.of(field) + " " + detail);
            problem.setProperty("errors", List.of(new FieldViolation(field, detail)));
        } else if (e.getCause() instanceof JacksonException cause
                && !cause.getPath().isEmpty()) {
            String field = fieldPath(cause);
            String detail = cause instanceof UnrecognizedPropertyException
                    ? "is not a known field"
                    : "has the wrong type or format";
            problem.setDetail(Quote.of(field) + " " + detail);
            problem.setProperty("errors", List.of(new FieldViolation(field, detail)));
        } else {
            problem.setDetail("The body is not a valid JSON document.");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * The body passed {@code orion.requests.max-body-size} while it was read (a body announced as larger is refused by
     * {@link BodyLimitFilter} before that). The connection is closed: the rest of the body is not read.
     */
    private ResponseEntity<Object> payloadTooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .header(HttpHeaders.CONNECTION, "close")
                .body(problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        ProblemTypes.PAYLOAD_TOO_LARGE,
                        "Payload too large",
                        PayloadTooLargeException.detail(limits.maxBodySize().toBytes())));
    }

    /** Gives the framework's own problems (405, 415, ...) a stable type instead of {@code about:blank}. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && URI.create("about:blank").equals(problem.getType())) {
            problem.setType(ProblemTypes.forStatus(status));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    /** The key Jackson found twice (strict duplicate detection), which its parser names in its message only. */
    private static @Nullable String duplicateKey(StreamReadException e) {
        Matcher duplicate = DUPLICATE_KEY.matcher(e.getOriginalMessage());
        return duplicate.matches() ? duplicate.group(1) : null;
    }

    private static String fieldPath(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}

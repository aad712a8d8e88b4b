package io.dbaas.orion.shared;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the problems every handler of Orion answers with, so that each reads as one line of what it means. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail problem(HttpStatus status, URI type, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** 400 naming the fields at fault in its detail, with each field's own reason under {@code errors}. */
    public static ProblemDetail fieldsAtFault(URI type, String title, List<FieldViolation> violations) {
        return fieldsAtFault(HttpStatus.BAD_REQUEST, type, title, violations);
    }

    public static ProblemDetail fieldsAtFault(
            HttpStatus status, URI type, String title, List<FieldViolation> violations) {
        ProblemDetail problem = problem(
                status,
                type,
                title,
                violations.stream().map(FieldViolation::field).distinct().collect(Collectors.joining(", "))
                        + ": see errors");
        problem.setProperty("errors", violations);
        return problem;
    }
}

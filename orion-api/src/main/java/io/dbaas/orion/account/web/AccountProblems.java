package io.dbaas.orion.account.web;

import static io.dbaas.orion.shared.Problems.fieldsAtFault;
import static io.dbaas.orion.shared.Problems.problem;

import io.dbaas.orion.account.AccountNotFoundException;
import io.dbaas.orion.account.CredentialNotFoundException;
import io.dbaas.orion.account.InvalidAccountRequestException;
import io.dbaas.orion.account.LastAdministratorException;
import io.dbaas.orion.shared.FieldViolation;
import io.dbaas.orion.shared.PathIdProblems;
import io.dbaas.orion.shared.ProblemTypes;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of accounts and their management credentials. Ordered before the application-wide handler, whose
 * catch-all would otherwise answer them as internal errors; it handles nothing else.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountProblems implements PathIdProblems {

    // The stable types of this feature's problems; clients may switch on them.
    static final URI ACCOUNT_NOT_FOUND = ProblemTypes.of("account-not-found");
    static final URI CREDENTIAL_NOT_FOUND = ProblemTypes.of("credential-not-found");
    static final URI LAST_ADMINISTRATOR = ProblemTypes.of("last-administrator");

    @ExceptionHandler
    ProblemDetail invalidAccountRequest(InvalidAccountRequestException e) {
        return fieldsAtFault(
                ProblemTypes.INVALID_REQUEST, "Invalid request", List.of(new FieldViolation(e.field(), e.detail())));
    }

    @ExceptionHandler
    ProblemDetail accountNotFound(AccountNotFoundException e) {
        return accountNotFound(e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail credentialNotFound(CredentialNotFoundException e) {
        return credentialNotFound(e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail lastAdministrator(LastAdministratorException e) {
        return problem(HttpStatus.CONFLICT, LAST_ADMINISTRATOR, "Last administrator", e.getMessage());
    }

    @Override
    public Optional<ProblemDetail> notFound(String pathVariable, String detail) {
        return switch (pathVariable) {
            case "accountId" -> Optional.of(accountNotFound(detail));
            case "credentialId" -> Optional.of(credentialNotFound(detail));
            default -> Optional.empty();
        };
    }

    private static ProblemDetail accountNotFound(@Nullable String detail) {
        return problem(HttpStatus.NOT_FOUND, ACCOUNT_NOT_FOUND, "Account not found", detail);
    }

    private static ProblemDetail credentialNotFound(@Nullable String detail) {
        return problem(HttpStatus.NOT_FOUND, CREDENTIAL_NOT_FOUND, "Credential not found", detail);
    }
}

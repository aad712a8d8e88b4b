package io.dbaas.orion.backup.web;

import io.dbaas.orion.backup.BackupInProgressException;
import io.dbaas.orion.backup.BackupNotDeletableException;
import io.dbaas.orion.backup.BackupNotFoundException;
import io.dbaas.orion.backup.InvalidBackupPolicyException;
import io.dbaas.orion.backup.InvalidBackupQueryException;
import io.dbaas.orion.backup.OnDemandLimitException;
import io.dbaas.orion.shared.ProblemTypes;
import io.dbaas.orion.shared.Problems;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The problems of backups, ordered before the application-wide handler; it handles nothing else. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BackupProblems {

    // The stable types of this feature's problems; clients may switch on them.
    static final URI INVALID_BACKUP_POLICY = ProblemTypes.of("invalid-backup-policy");
    static final URI BACKUP_NOT_FOUND = ProblemTypes.of("backup-not-found");
    static final URI BACKUP_IN_PROGRESS = ProblemTypes.of("backup-in-progress");
    static final URI ON_DEMAND_BACKUP_LIMIT = ProblemTypes.of("on-demand-backup-limit");
    static final URI BACKUP_NOT_DELETABLE = ProblemTypes.of("backup-not-deletable");

    /** 400: a field is missing, malformed or outside the platform's bounds; nothing changed. */
    @ExceptionHandler
    ProblemDetail invalidPolicy(InvalidBackupPolicyException e) {
        return Problems.fieldsAtFault(INVALID_BACKUP_POLICY, "Invalid backup policy", e.violations());
    }

    @ExceptionHandler
    ProblemDetail invalidQuery(InvalidBackupQueryException e) {
        return Problems.fieldsAtFault(ProblemTypes.INVALID_REQUEST, "Invalid request", e.violations());
    }

    @ExceptionHandler
    ProblemDetail notFound(BackupNotFoundException e) {
        return Problems.problem(HttpStatus.NOT_FOUND, BACKUP_NOT_FOUND, "Backup not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail inProgress(BackupInProgressException e) {
        return Problems.problem(HttpStatus.CONFLICT, BACKUP_IN_PROGRESS, "Backup in progress", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail onDemandLimit(OnDemandLimitException e) {
        return Problems.problem(
                HttpStatus.CONFLICT, ON_DEMAND_BACKUP_LIMIT, "Too many backups taken on request", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notDeletable(BackupNotDeletableException e) {
        return Problems.problem(HttpStatus.CONFLICT, BACKUP_NOT_DELETABLE, "Backup not deletable", e.getMessage());
    }
}

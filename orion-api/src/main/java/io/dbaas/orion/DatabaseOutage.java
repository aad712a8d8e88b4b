package io.dbaas.orion;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure caused by PostgreSQL being unreachable from any other. Such a failure is temporary and says nothing
 * about the request: callers get 503 and try again, consumers keep retrying instead of parking the message.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {}

    /** Whether {@code failure}, or anything that caused it, says the database cannot be reached. */
    public static boolean isCause(Throwable failure) {
        for (@Nullable Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (signalsOutage(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean signalsOutage(Throwable cause) {
        return cause instanceof CannotCreateTransactionException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessResourceException
                // Hikari's "connection is not available, request timed out".
                || cause instanceof SQLTransientConnectionException
                || (cause instanceof SQLException sql
                        && (isOutageState(sql.getSQLState()) || isEvictedConnection(sql)));
    }

    /**
     * Hikari's answer on a connection it has already closed because the database broke it. When PostgreSQL goes away
     * mid-transaction, the rollback that follows the first failure meets such a connection, and its exception replaces
     * the first one (which carried SQL state 08006).
     */
    private static boolean isEvictedConnection(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    /**
     * SQL states of class 08 (connection exception) and 57P0x (the server shutting down, crashing or not yet accepting
     * connections), as PostgreSQL and its driver report them.
     */
    private static boolean isOutageState(@Nullable String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }
}

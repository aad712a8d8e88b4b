package io.dbaas.orion;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseOutageTest {

    @Test
    void noConnectionIsAnOutage() {
        assertThat(DatabaseOutage.isCause(new CannotCreateTransactionException(
                        "Could not open JPA EntityManager for transaction",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))
                .isTrue();
    }

    @Test
    void connectionBrokenMidRequestIsAnOutage() {
        var broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        var shutdown = new SQLException("terminating connection due to administrator command", "57P01");

        assertThat(DatabaseOutage.isCause(new RuntimeException(broken))).isTrue();
        assertThat(DatabaseOutage.isCause(new RuntimeException(shutdown))).isTrue();
    }

    @Test
    void rollbackOnAConnectionThePoolAlreadyClosedIsAnOutage() {
        var rollback = new JpaSystemException(new RuntimeException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));

        assertThat(DatabaseOutage.isCause(rollback)).isTrue();
    }

    @Test
    void failuresOfTheRequestItselfAreNot() {
        assertThat(DatabaseOutage.isCause(new DataIntegrityViolationException(
                        "duplicate key", new SQLException("duplicate key value", "23505"))))
                .isFalse();
        assertThat(DatabaseOutage.isCause(new OptimisticLockingFailureException("stale cluster")))
                .isFalse();
        assertThat(DatabaseOutage.isCause(new SQLException("outbox write refused", "P0001")))
                .isFalse();
        assertThat(DatabaseOutage.isCause(new IllegalStateException("bug"))).isFalse();
    }
}

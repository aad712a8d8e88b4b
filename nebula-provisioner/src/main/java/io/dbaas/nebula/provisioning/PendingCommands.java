package io.dbaas.nebula.provisioning;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.command.ClusterCommand;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The commands waiting for another attempt, in Nebula's database (table {@code pending_commands}). */
class PendingCommands {

    private final JdbcClient jdbc;
    private final MessageCodec codec = new MessageCodec();

    PendingCommands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A kept command and how its attempts went so far. */
    record Pending(
            ClusterCommand command,
            int attempts,
            @Nullable Instant firstFailureAt,
            Instant nextAttemptAt,
            @Nullable String lastProblem) {}

    /** How many commands are kept, of every cluster. */
    long count() {
        return jdbc.sql("select count(*) from pending_commands")
                .query(Long.class)
                .single();
    }

    boolean hasAnyFor(UUID clusterId) {
        return jdbc.sql("select exists (select 1 from pending_commands where cluster_id = :cluster)")
                .param("cluster", clusterId)
                .query(Boolean.class)
                .single();
    }

    Optional<Pending> find(UUID commandId) {
        return jdbc.sql("select * from pending_commands where command_id = :id")
                .param("id", commandId)
                .query(this::pending)
                .optional();
    }

    /** Keeps a command to run after those of its cluster kept before it; a redelivered command is kept once. */
    void enqueue(ClusterCommand command, Instant now) {
        jdbc.sql("""
                        insert into pending_commands (command_id, cluster_id, command, received_at, next_attempt_at)
                        values (:id, :cluster, :command, :now, :now)
                        on conflict (command_id) do nothing""")
                .param("id", command.id())
                .param("cluster", command.clusterId())
                .param("command", codec.write(command))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Records a failed attempt of a kept command (kept first if it is not yet). */
    void recordFailure(ClusterCommand command, int attempts, Instant firstFailureAt, Instant next, String problem) {
        enqueue(command, firstFailureAt);
        jdbc.sql("""
                        update pending_commands
                           set attempts = :attempts, first_failure_at = :first, next_attempt_at = :next,
                               last_problem = :problem
                         where command_id = :id""")
                .param("id", command.id())
                .param("attempts", attempts)
                .param("first", Timestamp.from(firstFailureAt))
                .param("next", Timestamp.from(next))
                .param("problem", problem)
                .update();
    }

    /**
     * The first kept command of each cluster whose attempt is due, soonest first. Later commands of a cluster wait
     * for the ones before them.
     */
    List<Pending> due(Instant now, int limit) {
        return jdbc.sql("""
                        select * from (
                            select distinct on (cluster_id) * from pending_commands order by cluster_id, seq
                        ) heads
                        where next_attempt_at <= :now
                        order by next_attempt_at
                        limit :limit""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(this::pending)
                .list();
    }

    /**
     * Takes a due command for one attempt, moving its next attempt to {@code leaseUntil}, so that no other Nebula
     * instance attempts it meanwhile; should this instance stop mid-attempt, the command is due again then.
     *
     * @return whether this caller got it
     */
    boolean claim(Pending pending, Instant leaseUntil) {
        return jdbc.sql("""
                                update pending_commands set next_attempt_at = :lease
                                 where command_id = :id and next_attempt_at = :expected""")
                        .param("id", pending.command().id())
                        .param("lease", Timestamp.from(leaseUntil))
                        .param("expected", Timestamp.from(pending.nextAttemptAt()))
                        .update()
                == 1;
    }

    void remove(UUID commandId) {
        jdbc.sql("delete from pending_commands where command_id = :id")
                .param("id", commandId)
                .update();
    }

    /** Removes and returns the kept commands of a cluster, oldest first. */
    List<ClusterCommand> removeAllOf(UUID clusterId) {
        List<ClusterCommand> commands = jdbc.sql(
                        "select command from pending_commands where cluster_id = :cluster order by seq")
                .param("cluster", clusterId)
                .query((rs, row) -> codec.read(rs.getBytes("command"), ClusterCommand.class))
                .list();
        jdbc.sql("delete from pending_commands where cluster_id = :cluster")
                .param("cluster", clusterId)
                .update();
        return commands;
    }

    private Pending pending(ResultSet rs, int row) throws SQLException {
        Timestamp first = rs.getTimestamp("first_failure_at");
        return new Pending(
                codec.read(rs.getBytes("command"), ClusterCommand.class),
                rs.getInt("attempts"),
                first == null ? null : first.toInstant(),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_problem"));
    }
}

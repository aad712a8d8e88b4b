package io.dbaas.gatekeeper.upstream;

import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Sorts the ways a call to a cluster fails into the two answers a client can act on: unavailable, or too slow. */
final class UpstreamFailures {

    private UpstreamFailures() {}

    /** Empty for failures that are not about the cluster, which keep their own answer. */
    static Optional<Problem> problemFor(Throwable failure) {
        if (failure instanceof ProblemException) {
            // Already an answer, for example a request body over the limit that aborted the call.
            return Optional.empty();
        }
        // Before ConnectException, which it extends: a cluster that never answers the handshake is slow, not refusing.
        // So is one that does not start answering within the response timeout, and a pool with no connection free for
        // as long.
        if (failure instanceof ConnectTimeoutException
                || failure instanceof ReadTimeoutException
                || failure instanceof TimeoutException) {
            return Optional.of(Problem.UPSTREAM_TIMEOUT);
        }
        // Refused, reset, closed before answering, name not resolved: all I/O failures of the one call to the cluster.
        if (failure instanceof ConnectException || failure instanceof IOException) {
            return Optional.of(Problem.UPSTREAM_UNAVAILABLE);
        }
        return Optional.empty();
    }
}

package io.dbaas.gatekeeper.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {

    @Test
    void aRefusedOrBrokenConnectionMeansTheClusterIsUnavailable() {
        assertThat(UpstreamFailures.problemFor(new ConnectException("Connection refused: /10.0.0.7:6333")))
                .contains(Problem.UPSTREAM_UNAVAILABLE);
        assertThat(UpstreamFailures.problemFor(new IOException("Connection reset by peer")))
                .contains(Problem.UPSTREAM_UNAVAILABLE);
        assertThat(UpstreamFailures.problemFor(new UnknownHostException("qdrant.c1.svc")))
                .contains(Problem.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void aConnectionThatTakesTooLongToOpenMeansTheClusterIsTooSlow() {
        assertThat(UpstreamFailures.problemFor(new ConnectTimeoutException("connection timed out: /10.0.0.7:6333")))
                .contains(Problem.UPSTREAM_TIMEOUT);
    }

    @Test
    void aClusterSilentForTooLongOrNoFreeConnectionInTimeMeansTheClusterIsTooSlow() {
        assertThat(UpstreamFailures.problemFor(ReadTimeoutException.INSTANCE)).contains(Problem.UPSTREAM_TIMEOUT);
        assertThat(UpstreamFailures.problemFor(new TimeoutException("Pool#acquire has been pending for 60000ms")))
                .contains(Problem.UPSTREAM_TIMEOUT);
    }

    @Test
    void failuresThatAreNotAboutTheClusterKeepTheirOwnAnswer() {
        assertThat(UpstreamFailures.problemFor(new IllegalStateException("a bug")))
                .isEmpty();
        assertThat(UpstreamFailures.problemFor(new ProblemException(Problem.UNAUTHENTICATED)))
                .isEmpty();
    }
}

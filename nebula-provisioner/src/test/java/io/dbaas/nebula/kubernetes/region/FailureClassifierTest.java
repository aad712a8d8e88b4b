package io.dbaas.nebula.kubernetes.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.kubernetes.region.FailureClassifier.Kind;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureClassifierTest {

    @Test
    void noConnectionMeansUnreachableTheApiSawNothing() {
        assertThat(FailureClassifier.classify(network(new ConnectException("Connection refused"))))
                .isEqualTo(Kind.UNREACHABLE);
        assertThat(FailureClassifier.classify(network(new NoRouteToHostException("No route to host"))))
                .isEqualTo(Kind.UNREACHABLE);
        assertThat(FailureClassifier.classify(network(new UnknownHostException("api.example"))))
                .isEqualTo(Kind.UNREACHABLE);
    }

    @Test
    void noAnswerInTimeIsTransientButTheApiMayHaveSeenTheRequest() {
        assertThat(FailureClassifier.classify(network(new SocketTimeoutException("Read timed out"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(network(new InterruptedIOException("timeout"))))
                .isEqualTo(Kind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 429, 409})
    void serverErrorsThrottlingAndConflictsAreTransient(int code) {
        assertThat(FailureClassifier.classify(http(code))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(http(code)).isTransient()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 415, 422})
    void refusalsAreForeverTheSameAnswerAgain(int code) {
        assertThat(FailureClassifier.classify(http(code))).isEqualTo(Kind.PERMANENT);
        assertThat(FailureClassifier.classify(http(code)).isTransient()).isFalse();
    }

    @Test
    void aWaitThatRanOutIsPermanentSomethingHoldsTheObject() {
        var timeout = new KubernetesClientTimeoutException(
                new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("dbaas-1")
                        .endMetadata()
                        .build(),
                5,
                TimeUnit.SECONDS);

        assertThat(FailureClassifier.classify(timeout)).isEqualTo(Kind.PERMANENT);
    }

    private static KubernetesClientException network(Exception cause) {
        return new KubernetesClientException("An error has occurred.", cause);
    }

    private static KubernetesClientException http(int code) {
        return new KubernetesClientException(
                new StatusBuilder().withCode(code).withMessage("answer " + code).build());
    }
}

package io.dbaas.nebula.kubernetes.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException.Operation;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionId;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KubernetesFailuresTest {

    private static final RegionConnection CONNECTION = new RegionConnection(
            new Region(new RegionId("minikube", "local"), TestRegions.region().build()),
            null,
            "https://127.0.0.1:8443",
            "context minikube");

    private static final HasMetadata STATEFUL_SET = new StatefulSetBuilder()
            .withNewMetadata()
            .withNamespace("dbaas-1")
            .withName("qdrant")
            .endMetadata()
            .build();

    @Test
    void noAnswerMeansUnreachableAndIsWorthRetrying() {
        var failure = fail(
                Operation.READ,
                STATEFUL_SET,
                new KubernetesClientException(
                        "An error has occurred.", new ConnectException("Connection refused: /127.0.0.1:8443")));

        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.reason())
                .isEqualTo(
                        "The Kubernetes API of minikube/local (https://127.0.0.1:8443) is unreachable: Connection refused");
    }

    @Test
    void serverErrorsAndThrottlingAreWorthRetrying() {
        assertThat(fail(Operation.CREATE, STATEFUL_SET, http(503, "ServiceUnavailable", "etcd is down"))
                        .isTransient())
                .isTrue();
        assertThat(fail(Operation.CREATE, STATEFUL_SET, http(429, "TooManyRequests", "slow down"))
                        .isTransient())
                .isTrue();
        assertThat(fail(Operation.UPDATE, STATEFUL_SET, http(409, "Conflict", "modified"))
                        .isTransient())
                .isTrue();
    }

    @Test
    void aWaitThatRanOutIsPermanentAndSaysWhatWasNotFinishedNotThatTheApiIsUnreachable() {
        var namespace = new NamespaceBuilder()
                .withNewMetadata()
                .withName("dbaas-1")
                .endMetadata()
                .build();

        var failure = fail(
                Operation.DELETE,
                namespace,
                new KubernetesClientTimeoutException(namespace, 300_000, TimeUnit.MILLISECONDS));

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.reason())
                .isEqualTo("The Kubernetes API of minikube/local (https://127.0.0.1:8443) did not finish deleting"
                        + " Namespace dbaas-1 in the time Nebula waits; something still holds it back, such as a"
                        + " finalizer.");
    }

    @Test
    void aRefusalIsPermanentAndSaysWhatWasRefused() {
        var failure = fail(
                Operation.CREATE,
                STATEFUL_SET,
                http(403, "Forbidden", "statefulsets.apps is forbidden: User \"nebula\" cannot create resource"));

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.reason())
                .isEqualTo(
                        "The Kubernetes API of minikube/local (https://127.0.0.1:8443) forbade Nebula (403 Forbidden)"
                                + " creating StatefulSet dbaas-1/qdrant. statefulsets.apps is forbidden: User \"nebula\" cannot"
                                + " create resource");
    }

    @Test
    void theApiServersWordsAboutASecretAreNeverRepeated() {
        var secret = new SecretBuilder()
                .withNewMetadata()
                .withNamespace("dbaas-1")
                .withName("qdrant-master-key")
                .endMetadata()
                .build();

        var failure = fail(Operation.CREATE, secret, http(422, "Invalid", "data[api-key]: Invalid value: \"s3cret\""));

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.reason()).doesNotContain("s3cret").contains("rejected (422 Invalid) creating Secret");
    }

    private static InfrastructureException fail(Operation operation, HasMetadata object, KubernetesClientException e) {
        return KubernetesFailures.describe(CONNECTION, new ResourceOperationException(operation, object, e));
    }

    private static KubernetesClientException http(int code, String reason, String message) {
        Status status = new StatusBuilder()
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .build();
        return new KubernetesClientException("Failure executing request", code, status);
    }
}

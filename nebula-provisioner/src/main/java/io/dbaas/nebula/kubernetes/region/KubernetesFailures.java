package io.dbaas.nebula.kubernetes.region;

import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed API call into a reason a human can act on; whether trying again may help is {@link
 * FailureClassifier}'s verdict.
 * Reasons never include a request body, a token, or the API server's message about a Secret.
 */
public final class KubernetesFailures {

    private static final int MAX_DETAIL_LENGTH = 300;

    private KubernetesFailures() {}

    public static InfrastructureException describe(RegionConnection connection, ResourceOperationException failure) {
        KubernetesClientException cause = failure.getCause();
        int code = cause.getCode();
        String api = connection.apiDescription();
        String what = failure.operation().verb() + " " + failure.kind() + " " + failure.objectName();
        FailureClassifier.Kind kind = FailureClassifier.classify(cause);
        if (cause instanceof KubernetesClientTimeoutException) {
            return new InfrastructureException(
                    api + " did not finish " + what
                            + " in the time Nebula waits; something still holds it back, such as a finalizer.",
                    false,
                    failure);
        }
        if (code <= 0) {
            return new InfrastructureException(api + " is unreachable: " + networkProblem(cause), true, failure);
        }
        String answer = code + statusReason(cause.getStatus());
        if (kind.isTransient()) {
            return new InfrastructureException(api + " answered " + answer + " when " + what + ".", true, failure);
        }
        String detail = "Secret".equals(failure.kind()) ? "" : statusMessage(cause.getStatus());
        String verdict =
                switch (code) {
                    case 401 -> " did not accept Nebula's credentials (" + answer + ") when ";
                    case 403 -> " forbade Nebula (" + answer + ") ";
                    default -> " rejected (" + answer + ") ";
                };
        return new InfrastructureException(api + verdict + what + "." + detail, false, failure);
    }

    /** What went wrong on the network, in a few words, for an API that gave no HTTP answer. */
    public static String networkProblem(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                String message = String.valueOf(cause.getMessage());
                // Netty appends the address ("Connection refused: /127.0.0.1:8443"); the URL is already named.
                return message.contains(":") ? message.substring(0, message.indexOf(':')) : message;
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
                return "no answer in time";
            }
            if (cause instanceof SSLException) {
                return "the TLS handshake failed (" + cause.getMessage() + ")";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String statusReason(Status status) {
        return status == null
                        || status.getReason() == null
                        || status.getReason().isBlank()
                ? ""
                : " " + status.getReason();
    }

    private static String statusMessage(Status status) {
        if (status == null || status.getMessage() == null || status.getMessage().isBlank()) {
            return "";
        }
        String message = status.getMessage().strip();
        return " " + (message.length() > MAX_DETAIL_LENGTH ? message.substring(0, MAX_DETAIL_LENGTH) + "…" : message);
    }
}

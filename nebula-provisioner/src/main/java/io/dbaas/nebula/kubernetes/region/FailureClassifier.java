package io.dbaas.nebula.kubernetes.region;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Decides whether a failed Kubernetes API call may succeed later, and whether the request can have reached the API at
 * all.
 *
 * <ul>
 *   <li>{@link Kind#UNREACHABLE}: no connection was made (refused, no route, unknown host): the API did not see the
 *       request, so it changed nothing. Transient.
 *   <li>{@link Kind#TRANSIENT}: the API may have seen the request but could not finish it now: no answer in time,
 *       5xx, 429 Too Many Requests, 409 Conflict (a concurrent writer; the next attempt reads the object again).
 *   <li>{@link Kind#PERMANENT}: the API answered and the same request will get the same answer: 401, 403, 404 where
 *       not expected, 422, any other 4xx; and a wait for an object that ran out (something such as a finalizer holds
 *       it, which an operator must look at).
 * </ul>
 */
public final class FailureClassifier {

    /** How a failure behaves on the next attempt. */
    public enum Kind {
        UNREACHABLE,
        TRANSIENT,
        PERMANENT;

        public boolean isTransient() {
            return this != PERMANENT;
        }
    }

    private FailureClassifier() {}

    public static Kind classify(KubernetesClientException failure) {
        if (failure instanceof KubernetesClientTimeoutException) {
            return Kind.PERMANENT;
        }
        int code = failure.getCode();
        if (code <= 0) {
            return neverConnected(failure) ? Kind.UNREACHABLE : Kind.TRANSIENT;
        }
        return code >= 500 || code == 429 || code == 409 ? Kind.TRANSIENT : Kind.PERMANENT;
    }

    /** Whether the cause chain says no connection was made, so the request cannot have reached the API. */
    static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}

package io.dbaas.nebula.kubernetes.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;

/** An API call on one object failed. Names the object and the operation, so that a reason can say what failed. */
public class ResourceOperationException extends RuntimeException {

    private final Operation operation;
    private final String kind;
    private final String objectName;

    public ResourceOperationException(Operation operation, HasMetadata object, KubernetesClientException cause) {
        super(operation.verb() + " " + object.getKind() + " " + nameOf(object) + " failed", cause);
        this.operation = operation;
        this.kind = object.getKind();
        this.objectName = nameOf(object);
    }

    public Operation operation() {
        return operation;
    }

    public String kind() {
        return kind;
    }

    /** {@code namespace/name}, or the name of a cluster-scoped object. */
    public String objectName() {
        return objectName;
    }

    @Override
    public synchronized KubernetesClientException getCause() {
        // The only constructor takes the cause, so it is never null.
        return (KubernetesClientException) Objects.requireNonNull(super.getCause());
    }

    private static String nameOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null
                ? object.getMetadata().getName()
                : namespace + "/" + object.getMetadata().getName();
    }

    /** What was being done to the object. */
    public enum Operation {
        READ("reading"),
        CREATE("creating"),
        UPDATE("updating"),
        DELETE("deleting");

        private final String verb;

        Operation(String verb) {
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }
}

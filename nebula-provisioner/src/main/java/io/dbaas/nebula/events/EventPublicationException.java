package io.dbaas.nebula.events;

/** An event could not be published; whoever caused it should be retried, not acknowledged. */
public class EventPublicationException extends RuntimeException {

    public EventPublicationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.dbaas.contracts;

/** A record that is not a valid message of the family its topic carries: it goes to the dead-letter topic. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(Class<?> family, Throwable cause) {
        super("not a valid " + family.getSimpleName() + ": " + cause.getMessage(), cause);
    }
}

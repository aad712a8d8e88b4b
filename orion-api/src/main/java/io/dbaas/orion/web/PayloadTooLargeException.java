package io.dbaas.orion.web;

import java.io.IOException;

/**
 * Thrown by a request body's stream once more than the limit was read. An {@link IOException}, so that whoever reads
 * the body (Jackson, the servlet container) stops reading and lets it through; {@link ProblemHandler} and
 * {@link BodyLimitFilter} answer it with {@code 413}.
 */
final class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
    }

    /** What a {@code 413} says: the limit, never what was sent. */
    static String detail(long limit) {
        return "The request body is larger than " + limit + " bytes, the most Orion reads.";
    }

    /** Whether {@code e} or one of its causes says that a body was too large. */
    static boolean isCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }
}

package io.dbaas.nebula.render;

/** The render request cannot be carried out; the message tells the user why, in one line. */
class RenderException extends RuntimeException {

    RenderException(String message) {
        super(message);
    }
}

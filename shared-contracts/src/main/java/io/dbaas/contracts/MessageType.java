package io.dbaas.contracts;

/** Whether a message asks for something to be done or reports something that happened. */
public enum MessageType {
    COMMAND,
    EVENT
}

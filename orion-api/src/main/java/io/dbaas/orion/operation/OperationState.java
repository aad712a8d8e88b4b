package io.dbaas.orion.operation;

/** Where an operation is: under way ({@code PENDING}, {@code RUNNING}) or done ({@code SUCCEEDED}, {@code FAILED}). */
public enum OperationState {
    /** Accepted; its command is on its way to Nebula, or waits for capacity. */
    PENDING,
    /** Nebula said it has started. */
    RUNNING,
    SUCCEEDED,
    /** Refused or failed; the operation's error says why. */
    FAILED;

    public boolean inProgress() {
        return this == PENDING || this == RUNNING;
    }
}

package io.dbaas.orion.capacity;

/** What became of a claim on a region's capacity. */
public sealed interface Admission {

    /** The region holds the claim: its share is allocated and the cluster may be provisioned. */
    record Allocated() implements Admission {}

    /** The region cannot hold the claim yet; {@code reason} says why, for people. */
    record Waiting(String reason) implements Admission {}
}

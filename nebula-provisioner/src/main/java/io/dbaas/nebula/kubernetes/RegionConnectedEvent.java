package io.dbaas.nebula.kubernetes;

/** A region's client was just built; watches on that region can start. */
public record RegionConnectedEvent(RegionConnection connection) {}

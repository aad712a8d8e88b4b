package io.dbaas.nebula.kubernetes.region;

/** A region's client was just built; watches on that region can start. */
public record RegionConnectedEvent(RegionConnection connection) {}

package io.dbaas.nebula.region;

import io.dbaas.nebula.config.RegionProperties;

/** A configured region: its id and its settings. */
public record Region(RegionId id, RegionProperties properties) {}

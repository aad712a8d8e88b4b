package io.dbaas.nebula.region;

import io.dbaas.nebula.config.NebulaProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The provider/region catalog of the configuration, looked up by the names a command carries. */
@Component
public class RegionCatalog {

    private final List<Region> regions;

    public RegionCatalog(NebulaProperties properties) {
        List<Region> all = new ArrayList<>();
        properties.providers().forEach((provider, settings) -> settings.regions()
                .forEach((region, regionSettings) ->
                        all.add(new Region(new RegionId(provider, region), regionSettings))));
        this.regions = Collections.unmodifiableList(all);
    }

    public Optional<Region> find(RegionId id) {
        return regions.stream().filter(region -> region.id().equals(id)).findFirst();
    }

    public List<Region> all() {
        return regions;
    }
}

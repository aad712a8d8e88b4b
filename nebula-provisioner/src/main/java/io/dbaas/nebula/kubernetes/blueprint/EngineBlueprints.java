package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.contracts.Engine;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every engine blueprint of the application context, by engine. */
@Component
public class EngineBlueprints {

    private final Map<Engine, EngineBlueprint> byEngine = new EnumMap<>(Engine.class);

    public EngineBlueprints(List<EngineBlueprint> blueprints) {
        for (EngineBlueprint blueprint : blueprints) {
            EngineBlueprint previous = byEngine.putIfAbsent(blueprint.engine(), blueprint);
            if (previous != null) {
                throw new IllegalStateException("two blueprints for "
                        + blueprint.engine().id() + ": " + previous.getClass().getName() + " and "
                        + blueprint.getClass().getName());
            }
        }
    }

    public Optional<EngineBlueprint> find(Engine engine) {
        return Optional.ofNullable(byEngine.get(engine));
    }

    /** The blueprint of an engine named by its id, as labels carry it ({@code app.kubernetes.io/name}). */
    public Optional<EngineBlueprint> find(String engineId) {
        return Engine.fromId(engineId).flatMap(this::find);
    }
}

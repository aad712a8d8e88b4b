package io.dbaas.nebula.render;

import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;

/**
 * The only beans render mode needs: Nebula's settings (bound from the same files and arguments as in service mode)
 * and the engine blueprints. Deliberately not a {@code @Configuration} and without auto-configuration, so that the
 * service's component scan never picks it up and render mode starts no Kafka consumer, web server or Kubernetes
 * client.
 */
@ComponentScan(basePackageClasses = EngineBlueprint.class)
@EnableConfigurationProperties(NebulaProperties.class)
class RenderContext {}

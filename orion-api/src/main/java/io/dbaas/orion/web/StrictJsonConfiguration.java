package io.dbaas.orion.web;

import java.time.Instant;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON as the API reference writes it. Jackson by default turns a number or a boolean into a string, a number into a
 * date (seconds since the epoch; refused by {@link TextualInstantDeserializer}) and keeps the last of two equal keys; each hides a client's mistake, and a key given
 * twice can make two readers of one body disagree. The scalar coercions the other way (a string into a number) are
 * refused by {@code spring.jackson.mapper.allow-coercion-of-scalars: false}.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, strings -> strings.setCoercion(
                                CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.DateTime, dates -> dates.setCoercion(
                                CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .addModule(new SimpleModule("strict-instants")
                        .addDeserializer(Instant.class, new TextualInstantDeserializer()));
    }
}

package io.dbaas.orion.web;

import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * An instant as the API reference writes it: an RFC 3339 string. Jackson's own deserializer also reads a number as
 * seconds since the epoch, and ignores the coercion settings in doing so; a client sending one has mistaken the field.
 */
final class TextualInstantDeserializer extends StdDeserializer<Instant> {

    TextualInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}

package io.dbaas.orion.apikey;

import io.dbaas.contracts.security.KeyScope;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a scope by the name the API and the events use ({@code read-write}, {@code read-only}). */
@Converter
class KeyScopeColumn implements AttributeConverter<KeyScope, String> {

    @Override
    public String convertToDatabaseColumn(KeyScope scope) {
        return scope.id();
    }

    @Override
    public KeyScope convertToEntityAttribute(String id) {
        return KeyScope.fromId(id).orElseThrow(() -> new IllegalStateException("unknown key scope in the database"));
    }
}

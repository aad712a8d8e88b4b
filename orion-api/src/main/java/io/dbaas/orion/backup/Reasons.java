package io.dbaas.orion.backup;

import org.jspecify.annotations.Nullable;

/** Reasons are Nebula's sentences, written free of secrets; kept to what the column holds. */
final class Reasons {

    static final int MAX_LENGTH = 1024;

    private Reasons() {}

    static @Nullable String bounded(@Nullable String reason) {
        if (reason == null || reason.codePointCount(0, reason.length()) <= MAX_LENGTH) {
            return reason;
        }
        return reason.substring(0, reason.offsetByCodePoints(0, MAX_LENGTH - 1)) + "…";
    }
}

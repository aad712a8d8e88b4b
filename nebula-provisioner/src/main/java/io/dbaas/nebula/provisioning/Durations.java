package io.dbaas.nebula.provisioning;

import java.time.Duration;

/** Durations as people write them in settings: {@code 24h}, {@code 90m}, {@code 12s}, {@code 250ms}. */
final class Durations {

    private Durations() {}

    static String describe(Duration duration) {
        if (duration.toMillis() < 1_000) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0 || seconds >= 3_600) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}

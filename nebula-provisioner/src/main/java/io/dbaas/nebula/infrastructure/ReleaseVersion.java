package io.dbaas.nebula.infrastructure;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An engine release version such as {@code 1.13.4}: numbers separated by dots, compared number by number. Both
 * engines Nebula runs number their releases this way.
 */
public record ReleaseVersion(String text, int[] numbers) implements Comparable<ReleaseVersion> {

    private static final Pattern RELEASE = Pattern.compile("\\d+(\\.\\d+)*");

    public static Optional<ReleaseVersion> parse(String text) {
        if (!RELEASE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ReleaseVersion(
                    text,
                    Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code newer} is a later release than {@code older}; false when either is not a release version. */
    public static boolean isNewer(String newer, String older) {
        Optional<ReleaseVersion> a = parse(newer);
        Optional<ReleaseVersion> b = parse(older);
        return a.isPresent() && b.isPresent() && a.get().compareTo(b.get()) > 0;
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        return Arrays.compare(numbers, other.numbers);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReleaseVersion version && Arrays.equals(numbers, version.numbers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(numbers);
    }

    @Override
    public String toString() {
        return text;
    }
}

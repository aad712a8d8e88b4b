package io.dbaas.orion.catalog;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Orders engine versions as their makers number them: dot-separated parts compared one by one, numerically where both
 * are numbers ({@code 1.9.0 < 1.10.0}), as text otherwise; a version that is a prefix of another comes first.
 */
public final class EngineVersions {

    /** Lowest first. */
    public static final Comparator<String> ORDER = EngineVersions::compare;

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private EngineVersions() {}

    private static int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int part = NUMBER.matcher(a[i]).matches() && NUMBER.matcher(b[i]).matches()
                    ? new BigInteger(a[i]).compareTo(new BigInteger(b[i]))
                    : a[i].compareTo(b[i]);
            if (part != 0) {
                return part;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}

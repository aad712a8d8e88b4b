package io.dbaas.orion.shared;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** How a listing reads its {@code page_size} and {@code page_token} parameters: every bad one becomes a violation. */
public final class Paging {

    private Paging() {}

    /** The page size asked for, or {@code defaultSize} when none was. */
    public static int pageSize(@Nullable Integer value, int defaultSize, int maxSize, List<FieldViolation> violations) {
        if (value == null) {
            return defaultSize;
        }
        if (value < 1 || value > maxSize) {
            violations.add(new FieldViolation("page_size", "must be between 1 and " + maxSize));
        }
        return value;
    }

    /** Where the previous page ended, or null for the first page (and for a token Orion never gave out). */
    public static @Nullable PageToken after(@Nullable String value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        return PageToken.decode(value).orElseGet(() -> {
            violations.add(new FieldViolation("page_token", "is not a token from a previous page"));
            return null;
        });
    }
}

package io.dbaas.orion.capacity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity such as {@code 500m}, {@code 2}, {@code 8Gi}, in the plain decimal form a client
 * types; exponent forms ({@code 1e3}) are not accepted from clients.
 *
 * @param text the quantity as written
 * @param value its value in base units (cores or bytes)
 */
public record Quantity(String text, BigDecimal value) implements Comparable<Quantity> {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)(m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?");
    private static final Map<String, BigDecimal> MULTIPLIERS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)),
            Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)),
            Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
            Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
            Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)));

    public static Optional<Quantity> parse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String suffix = matcher.group(2) == null ? "" : matcher.group(2);
        return Optional.of(new Quantity(text, new BigDecimal(matcher.group(1)).multiply(MULTIPLIERS.get(suffix))));
    }

    /** Parses a quantity from configuration, where a malformed value is a start-up error. */
    public static Quantity of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a Kubernetes quantity: " + text));
    }

    /** Cores as a client would write them: whole cores plainly, anything else in millicores (rounded up). */
    public static Quantity ofCores(BigDecimal cores) {
        BigDecimal whole = cores.stripTrailingZeros();
        if (whole.scale() <= 0) {
            return new Quantity(whole.toBigIntegerExact().toString(), cores);
        }
        return new Quantity(
                cores.movePointRight(3).setScale(0, RoundingMode.CEILING).toPlainString() + "m", cores);
    }

    /** Bytes in the largest binary unit that divides them exactly ({@code 3Gi}, {@code 1536Mi}), else plain bytes. */
    public static Quantity ofBytes(BigDecimal bytes) {
        for (String suffix : List.of("Pi", "Ti", "Gi", "Mi", "Ki")) {
            BigDecimal[] unitsAndRest = bytes.divideAndRemainder(MULTIPLIERS.get(suffix));
            if (unitsAndRest[0].signum() > 0 && unitsAndRest[1].signum() == 0) {
                return new Quantity(unitsAndRest[0].toBigInteger() + suffix, bytes);
            }
        }
        return new Quantity(bytes.setScale(0, RoundingMode.CEILING).toPlainString(), bytes);
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.dbaas.orion.cluster;

import io.dbaas.orion.Quote;
import io.dbaas.orion.catalog.EngineVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Qdrant's upgrade rule: one minor version at a time (1.13 to 1.14, then to 1.15), any patch of the next minor, and
 * any later patch of the same minor. Qdrant keeps backward compatibility for one minor version back: a peer that
 * skips one may not read the data it stored, nor work beside peers still on the old version during the rolling
 * upgrade. A new major is not entered: Orion knows no path to it yet, and an upgrade cannot be undone.
 *
 * @see <a href="https://github.com/qdrant/qdrant/blob/master/docs/roadmap/README.md">Qdrant's roadmap: "backward
 *     compatibility for at least one minor version back"</a>
 */
final class QdrantUpgradePath implements UpgradePath {

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:\\..*)?");

    /** The versions clusters may be upgraded to, lowest first. */
    private final List<String> targets;

    QdrantUpgradePath(List<String> targets) {
        this.targets = targets.stream().sorted(EngineVersions.ORDER).toList();
    }

    @Override
    public Optional<String> refusal(String from, String to) {
        Matcher running = MAJOR_MINOR.matcher(from);
        Matcher target = MAJOR_MINOR.matcher(to);
        if (!running.matches() || !target.matches()) {
            return Optional.of("Orion cannot tell Qdrant's upgrade path from %s to %s".formatted(from, Quote.of(to)));
        }
        int major = Integer.parseInt(running.group(1));
        int fromMinor = Integer.parseInt(running.group(2));
        int toMajor = Integer.parseInt(target.group(1));
        int toMinor = Integer.parseInt(target.group(2));
        if (toMajor != major) {
            return Optional.of(
                    "Orion knows no supported upgrade path of Qdrant from %d.x to %d.x yet".formatted(major, toMajor));
        }
        if (toMinor - fromMinor <= 1) {
            return Optional.empty();
        }
        var stops = new ArrayList<String>();
        for (int minor = fromMinor + 1; minor < toMinor; minor++) {
            stops.add(newestOf(major, minor));
        }
        String first = stops.removeFirst();
        stops.add(to);
        return Optional.of(("'%s' cannot be reached from %s in one step: Qdrant upgrades one minor version at a time;"
                        + " upgrade to %s first, then to %s")
                .formatted(to, from, first, String.join(", then to ", stops)));
    }

    /** The newest version of a minor clusters may be upgraded to; {@code 1.14.x} when there is none. */
    private String newestOf(int major, int minor) {
        String prefix = major + "." + minor + ".";
        return targets.reversed().stream()
                .filter(version -> version.startsWith(prefix))
                .findFirst()
                .orElse(prefix + "x");
    }
}

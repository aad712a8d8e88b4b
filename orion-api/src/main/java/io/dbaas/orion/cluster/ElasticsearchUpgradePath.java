package io.dbaas.orion.cluster;

import io.dbaas.orion.Quote;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elastic's supported upgrade paths: within a major version, to any later one; to the next major only from the last
 * minor of the one before (7.17 to 8.x, 8.19 to 9.x), so never across two majors at once. A major whose last minor
 * Orion does not know yet (9 to 10) is not left: an upgrade cannot be undone, so the path is not guessed. (9.0 itself,
 * released before 8.19, is reached from 8.18; the catalog offers no 9.0.)
 *
 * @see <a href="https://www.elastic.co/docs/deploy-manage/upgrade/deployment-or-cluster">Elastic: upgrade your
 *     deployment or cluster</a>
 */
final class ElasticsearchUpgradePath implements UpgradePath {

    /** By major version, the minor from which the next major is reached. */
    private static final Map<Integer, Integer> LAST_MINOR = Map.of(7, 17, 8, 19);

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:\\..*)?");

    @Override
    public Optional<String> refusal(String from, String to) {
        Matcher running = MAJOR_MINOR.matcher(from);
        Matcher target = MAJOR_MINOR.matcher(to);
        if (!running.matches() || !target.matches()) {
            return Optional.of(
                    "Orion cannot tell Elasticsearch's upgrade path from %s to %s".formatted(from, Quote.of(to)));
        }
        int fromMajor = Integer.parseInt(running.group(1));
        int fromMinor = Integer.parseInt(running.group(2));
        int toMajor = Integer.parseInt(target.group(1));
        var stops = new ArrayList<String>();
        for (int major = fromMajor; major < toMajor; major++) {
            Integer lastMinor = LAST_MINOR.get(major);
            if (lastMinor == null) {
                return Optional.of("Orion knows no supported upgrade path of Elasticsearch from %d.x to %d.x yet"
                        .formatted(major, major + 1));
            }
            if (major > fromMajor || fromMinor < lastMinor) {
                stops.add(major + "." + lastMinor + ".x");
            }
        }
        if (stops.isEmpty()) {
            return Optional.empty();
        }
        String first = stops.removeFirst();
        String rule = toMajor - fromMajor > 1
                ? "Elasticsearch upgrades one major version at a time"
                : "Elasticsearch reaches %d.x only from %s".formatted(toMajor, first);
        stops.add(to);
        return Optional.of("'%s' cannot be reached from %s in one step: %s; upgrade to %s first, then to %s"
                .formatted(to, from, rule, first, String.join(", then to ", stops)));
    }
}

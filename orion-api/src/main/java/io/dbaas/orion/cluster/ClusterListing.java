package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.Quote;
import io.dbaas.orion.shared.FieldViolation;
import io.dbaas.orion.shared.PageToken;
import io.dbaas.orion.shared.Paging;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists an account's clusters, newest first, filtered and a page at a time. Deleted clusters are left out unless the
 * filter asks for {@code state=DELETED}.
 */
@Service
public class ClusterListing {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

    private final Clusters clusters;

    ClusterListing(Clusters clusters) {
        this.clusters = clusters;
    }

    /**
     * One page of the account's clusters that match every given filter.
     *
     * @throws InvalidClusterQueryException naming every parameter at fault
     */
    @Transactional(readOnly = true)
    public ClusterPage list(UUID accountId, ClusterQuery query) {
        var violations = new ArrayList<FieldViolation>();
        ClusterState state = state(query.state(), violations);
        Engine engine = engine(query.engine(), violations);
        int pageSize = Paging.pageSize(query.pageSize(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, violations);
        PageToken after = Paging.after(query.pageToken(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidClusterQueryException(violations);
        }

        Specification<Cluster> matching = matching(accountId, state, engine, query.provider(), query.region(), after);
        List<Cluster> found = clusters.findBy(
                matching,
                fetch -> fetch.sortBy(NEWEST_FIRST).limit(pageSize + 1).all());
        if (found.size() <= pageSize) {
            return new ClusterPage(found, Optional.empty());
        }
        List<Cluster> page = found.subList(0, pageSize);
        return new ClusterPage(
                List.copyOf(page),
                Optional.of(
                        new PageToken(page.getLast().createdAt(), page.getLast().id()).encode()));
    }

    private static Specification<Cluster> matching(
            UUID accountId,
            @Nullable ClusterState state,
            @Nullable Engine engine,
            @Nullable String provider,
            @Nullable String region,
            @Nullable PageToken after) {
        return (cluster, query, criteria) -> {
            var where = new ArrayList<Predicate>();
            // Always first: an account sees its own clusters and nothing else.
            where.add(criteria.equal(cluster.get("accountId"), accountId));
            if (state != null) {
                where.add(criteria.equal(cluster.get("state"), state));
            } else {
                // Deleted clusters are kept for the record, shown only to those who ask for them by state.
                where.add(criteria.notEqual(cluster.get("state"), ClusterState.DELETED));
            }
            if (engine != null) {
                where.add(criteria.equal(cluster.get("engine"), engine));
            }
            if (provider != null) {
                where.add(criteria.equal(cluster.get("provider"), provider));
            }
            if (region != null) {
                where.add(criteria.equal(cluster.get("region"), region));
            }
            if (after != null) {
                where.add(criteria.or(
                        criteria.lessThan(cluster.get("createdAt"), after.at()),
                        criteria.and(
                                criteria.equal(cluster.get("createdAt"), after.at()),
                                criteria.lessThan(cluster.get("id"), after.id()))));
            }
            return criteria.and(where.toArray(Predicate[]::new));
        };
    }

    private static @Nullable ClusterState state(@Nullable String value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(ClusterState.values())
                .filter(state -> state.name().equals(value.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseGet(() -> {
                    violations.add(new FieldViolation(
                            "state",
                            "%s is not a state; states: %s"
                                    .formatted(Quote.of(value), Arrays.toString(ClusterState.values()))));
                    return null;
                });
    }

    private static @Nullable Engine engine(@Nullable String value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        return Engine.fromId(value).orElseGet(() -> {
            violations.add(new FieldViolation("engine", "%s is not an engine".formatted(Quote.of(value))));
            return null;
        });
    }
}

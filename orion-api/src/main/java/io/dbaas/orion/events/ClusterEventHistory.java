package io.dbaas.orion.events;

import io.dbaas.orion.cluster.ClusterClaims;
import io.dbaas.orion.cluster.InvalidClusterQueryException;
import io.dbaas.orion.shared.FieldViolation;
import io.dbaas.orion.shared.PageToken;
import io.dbaas.orion.shared.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a cluster's events for its account, newest first, a page at a time. A deleted cluster's events stay readable
 * until the retention removes them, as the cluster itself stays readable in state {@code DELETED}.
 */
@Service
public class ClusterEventHistory {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    private final ClusterClaims claims;
    private final RecordedClusterEvents events;

    ClusterEventHistory(ClusterClaims claims, RecordedClusterEvents events) {
        this.claims = claims;
        this.events = events;
    }

    /**
     * One page of the cluster's events.
     *
     * @throws io.dbaas.orion.cluster.ClusterNotFoundException when the account has no such cluster, checked before the
     *     paging parameters so that a stranger learns nothing from a {@code 400}
     * @throws InvalidClusterQueryException naming every paging parameter at fault
     */
    @Transactional(readOnly = true)
    public ClusterEventPage page(
            UUID accountId, UUID clusterId, @Nullable Integer pageSize, @Nullable String pageToken) {
        claims.find(accountId, clusterId);
        var violations = new ArrayList<FieldViolation>();
        int size = Paging.pageSize(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, violations);
        PageToken after = Paging.after(pageToken, violations);
        if (!violations.isEmpty()) {
            throw new InvalidClusterQueryException(violations);
        }
        List<RecordedClusterEvent> found = events.newestFirst(clusterId, after, size + 1);
        if (found.size() <= size) {
            return new ClusterEventPage(found, Optional.empty());
        }
        List<RecordedClusterEvent> page = List.copyOf(found.subList(0, size));
        return new ClusterEventPage(
                page,
                Optional.of(new PageToken(
                                page.getLast().occurredAt(), page.getLast().id())
                        .encode()));
    }
}

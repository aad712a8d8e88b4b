package io.dbaas.orion.capacity;

import io.dbaas.orion.catalog.Catalog;
import io.dbaas.orion.catalog.CatalogProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserves, frees and sizes the capacity of regions.
 *
 * <p>Every change that allocates or frees takes the region's row lock first (JPA's {@code PESSIMISTIC_WRITE}, which
 * Hibernate sends to PostgreSQL as {@code SELECT … FOR NO KEY UPDATE} on {@code region_capacities}: it conflicts with
 * itself, yet not with the key-share locks that inserting a claim's foreign key takes), then reads what is allocated
 * (a running total on that row, changed with every share it adds up) and decides. The lock is per region, so claims in different
 * regions never wait for each other, while claims competing for one region are decided one after the other, each
 * seeing what the previous one took: allocations can never add up to more than the region holds. The alternatives
 * were worse here: {@code SERIALIZABLE} would abort the losers of a burst with serialization failures to retry, an
 * optimistic version on the row would fail all but one of a burst, and an advisory lock would hide the region's lock
 * behind a hash of its name.
 *
 * <p>Claims are served oldest first: a claim waits while any older claim of its region waits, even when it would fit,
 * so that a large claim is never starved by a stream of small ones.
 */
@Service
public class Capacity {

    private static final Logger log = LoggerFactory.getLogger(Capacity.class);

    private final Catalog catalog;
    private final CatalogProperties catalogProperties;
    private final CapacityProperties properties;
    private final RegionCapacities capacities;
    private final ResourceClaims claims;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Capacity(
            Catalog catalog,
            CatalogProperties catalogProperties,
            CapacityProperties properties,
            RegionCapacities capacities,
            ResourceClaims claims,
            ApplicationEventPublisher events,
            Clock clock) {
        this.catalog = catalog;
        this.catalogProperties = catalogProperties;
        this.properties = properties;
        this.capacities = capacities;
        this.claims = claims;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records what a new cluster asks of its region and allocates it when the region can hold it and no older claim
     * waits there. Runs in the caller's transaction, so the allocation commits with the cluster and its command, or not
     * at all.
     *
     * @throws RegionNotFoundException when the region is no longer offered: an operator retired it after the claim was
     *     validated. Checked under the region's lock, which retirement takes too, so a claim either lands before the
     *     retirement (which then finds it and refuses) or sees the region retired.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Admission claim(UUID clusterId, ProviderRegion region, Resources demand) {
        RegionCapacity capacity = lock(region);
        offered(region);
        Admission admission = assess(capacity, demand);
        Instant now = clock.instant();
        ResourceClaim claim = ResourceClaim.of(clusterId, region, demand, now);
        if (admission instanceof Admission.Allocated) {
            claim.allocate(now);
        }
        capacity.reshare(Resources.NONE, claim.share());
        claims.save(claim);
        return admission;
    }

    /**
     * What {@link #claim} would answer now, changing nothing. Takes no lock: a dry run promises nothing, and a claim made
     * a moment later may find the room taken.
     */
    @Transactional(readOnly = true)
    public Admission preview(ProviderRegion region, Resources demand) {
        return assess(find(region), demand);
    }

    /** Frees the cluster's share, if it holds one, and admits the claims waiting in its region that now fit. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(UUID clusterId) {
        claims.findById(clusterId).ifPresent(claim -> {
            RegionCapacity capacity = lock(claim.region());
            capacity.reshare(claim.share(), Resources.NONE);
            claims.delete(claim);
            admitWaiting(capacity);
        });
    }

    /**
     * A cluster runs after all, though it was reported failed and its share freed (a failure reported too early): it
     * uses its resources whether or not the region has room, so its share is held again, even beyond the capacity.
     * Does nothing while the cluster holds its share.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdAgain(UUID clusterId, ProviderRegion region, Resources demand) {
        if (claims.findById(clusterId).isPresent()) {
            return;
        }
        RegionCapacity capacity = lock(region);
        Instant now = clock.instant();
        ResourceClaim claim = ResourceClaim.of(clusterId, region, demand, now);
        claim.allocate(now);
        capacity.reshare(Resources.NONE, claim.share());
        claims.save(claim);
        log.warn("Cluster {} runs after it was reported failed; its share of {} is held again", clusterId, region);
    }

    /**
     * Takes the lock of a region being added to the catalog, giving it an empty capacity row first when it has none
     * (configuration may size it at the next start while no operator has).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockNewRegion(ProviderRegion region) {
        Resources none = Resources.NONE;
        capacities.insertIfAbsent(
                region.provider(), region.region(), none.cpu(), none.memory(), none.disk(), clock.instant());
        lock(region);
    }

    /** How many claims wait for capacity in the region. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long claimsWaitingIn(ProviderRegion region) {
        return claims.countWaitingIn(region);
    }

    /**
     * Takes the region's lock for the rest of the caller's transaction. A change of a cluster takes it before the
     * cluster's own row lock, in the order admission takes them, so that the two never wait for each other in a circle.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockRegion(ProviderRegion region) {
        lock(region);
    }

    /**
     * Reserves what a scale or resize needs: while it is under way the cluster may use its old and its new shape at
     * once (a rolling resize), so it holds the larger of the two in each dimension until the change settles. Only the
     * extra over its share must fit what is free; waiting claims do not queue ahead of a cluster that already runs.
     *
     * @throws CapacityExceededException when the region cannot hold the extra; nothing is reserved
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserveChange(UUID clusterId, ProviderRegion region, Resources newDemand) {
        RegionCapacity capacity = lock(region);
        Optional<ResourceClaim> claim = claims.findById(clusterId);
        Resources share = claim.map(ResourceClaim::share).orElse(Resources.NONE);
        Resources reserve = share.atLeast(newDemand);
        Resources extra = new Resources(
                reserve.cpu().subtract(share.cpu()),
                reserve.memory().subtract(share.memory()),
                reserve.disk().subtract(share.disk()));
        Resources free = capacity.free();
        if (!extra.fitsWithin(free)) {
            throw new CapacityExceededException(region, extra, free);
        }
        if (claim.isPresent() && claim.get().isAllocated()) {
            claim.get().redemand(reserve);
            capacity.reshare(share, reserve);
            return;
        }
        // A running cluster without a share (it ran after a failure report was settled elsewhere): it takes one now.
        Instant now = clock.instant();
        ResourceClaim held = claim.orElseGet(() -> claims.save(ResourceClaim.of(clusterId, region, reserve, now)));
        held.redemand(reserve);
        held.allocate(now);
        capacity.reshare(share, held.share());
    }

    /**
     * A change is over (done or refused): the cluster holds exactly what its shape now takes, and what it gave back goes
     * to the claims waiting in its region, oldest first. Does nothing for a cluster that holds no share.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void settle(UUID clusterId, Resources demand) {
        claims.findById(clusterId).ifPresent(claim -> {
            RegionCapacity capacity = lock(claim.region());
            if (claim.isAllocated()) {
                Resources before = claim.share();
                claim.redemand(demand);
                capacity.reshare(before, claim.share());
            }
            admitWaiting(capacity);
        });
    }

    /** An operator sizes an offered region; claims waiting there that now fit are admitted, oldest first. */
    @Transactional
    public RegionUsage resize(ProviderRegion region, Resources total) {
        RegionCapacity capacity = lock(offered(region));
        capacity.resizeByOperator(total, clock.instant());
        admitWaiting(capacity);
        return usage(capacity);
    }

    @Transactional(readOnly = true)
    public RegionUsage usage(ProviderRegion region) {
        return usage(find(offered(region)));
    }

    /**
     * Gives every offered region its row, sized by configuration unless an operator sized it through the API, and
     * admits what now fits (configuration may have grown since the last start). Runs after the catalog took the
     * configured regions in, in the same transaction.
     *
     * @throws IllegalStateException when configuration sizes a region that {@code orion.catalog.providers} does not
     *     list; nothing is changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void applyConfiguration() {
        properties.providers().forEach((provider, regions) -> regions.keySet().forEach(name -> {
            if (!catalogProperties.lists(provider, name)) {
                throw new IllegalStateException(
                        "orion.capacity sizes " + provider + "/" + name + ", which the catalog does not offer");
            }
        }));
        Instant now = clock.instant();
        var unsized = new ArrayList<ProviderRegion>();
        catalog.regions().forEach(offered -> {
            var region = new ProviderRegion(offered.provider(), offered.region());
            Optional<Resources> configured = properties.of(region);
            if (configured.isEmpty()) {
                unsized.add(region);
            }
            Resources total = configured.orElse(Resources.NONE);
            capacities.insertIfAbsent(
                    region.provider(), region.region(), total.cpu(), total.memory(), total.disk(), now);
            RegionCapacity capacity = lock(region);
            capacity.applyConfiguration(total, now);
            admitWaiting(capacity);
        });
        if (!unsized.isEmpty()) {
            log.warn(
                    "No configured capacity (orion.capacity) for {}; claims there wait until an operator sizes them",
                    unsized);
        }
    }

    private Admission assess(RegionCapacity capacity, Resources demand) {
        ProviderRegion region = capacity.region();
        long waiting = claims.countWaitingIn(region);
        if (waiting > 0) {
            return new Admission.Waiting(("%d earlier claim(s) wait for capacity in region %s; this one is provisioned"
                            + " after them, automatically, when capacity is added or freed.")
                    .formatted(waiting, region));
        }
        Resources free = capacity.free();
        if (demand.fitsWithin(free)) {
            return new Admission.Allocated();
        }
        return new Admission.Waiting(("Region %s cannot hold this cluster now: it needs %s; %s are free. It is"
                        + " provisioned automatically, oldest claim first, when capacity is added or freed.")
                .formatted(region, demand.describe(), free.describe()));
    }

    /** Allocates to waiting claims, oldest first, until one does not fit: a younger claim never overtakes it. */
    private void admitWaiting(RegionCapacity capacity) {
        Instant now = clock.instant();
        for (ResourceClaim claim : claims.waitingIn(capacity.region())) {
            if (!claim.demand().fitsWithin(capacity.free())) {
                return;
            }
            claim.allocate(now);
            capacity.reshare(Resources.NONE, claim.share());
            log.info("Capacity in {} admitted the waiting claim of cluster {}", capacity.region(), claim.clusterId());
            events.publishEvent(new ClaimAdmitted(claim.clusterId()));
        }
    }

    private RegionUsage usage(RegionCapacity capacity) {
        return new RegionUsage(
                capacity.region(),
                capacity.total(),
                capacity.allocated(),
                claims.countWaitingIn(capacity.region()),
                capacity.setBy(),
                capacity.updatedAt());
    }

    private ProviderRegion offered(ProviderRegion region) {
        if (!catalog.offersRegion(region.provider(), region.region())) {
            throw new RegionNotFoundException(region);
        }
        return region;
    }

    private RegionCapacity lock(ProviderRegion region) {
        return capacities.lock(region).orElseThrow(() -> missing(region));
    }

    private RegionCapacity find(ProviderRegion region) {
        return capacities.findById(region).orElseThrow(() -> missing(region));
    }

    /**
     * Every offered region gets its row at start ({@link #applyConfiguration}) or when an operator adds it
     * ({@link #lockNewRegion}), so a missing one is a bug.
     */
    private static IllegalStateException missing(ProviderRegion region) {
        return new IllegalStateException("no capacity row for offered region " + region);
    }
}

package io.dbaas.nebula.kubernetes;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * One lock per cluster, so that a command and the restoring of an out-of-band change never write the same cluster's
 * objects at the same time: the one that comes second reads what the first wrote.
 */
@Component
public class ClusterLocks {

    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    public <T> T holding(UUID clusterId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(clusterId, id -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}

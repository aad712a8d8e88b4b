package io.dbaas.nebula.kubernetes.status;

/** The reconcile requests of one region's watches; closing it drops the requests not yet carried out. */
public interface RegionReconciles extends AutoCloseable {

    /** Asks for the cluster whose objects live in {@code namespace} to be reconciled soon; repeats coalesce. */
    void request(String namespace);

    @Override
    void close();
}

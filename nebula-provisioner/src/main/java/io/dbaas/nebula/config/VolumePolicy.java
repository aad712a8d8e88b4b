package io.dbaas.nebula.config;

/** What happens to a deleted cluster's data volumes. */
public enum VolumePolicy {
    /** The volumes are deleted with the cluster: every bound PersistentVolume is set to reclaim policy Delete. */
    DELETE,
    /**
     * The volumes outlive the cluster: every bound PersistentVolume is set to reclaim policy Retain and labelled with
     * the cluster id before its claim is deleted, so the data stays on a Released volume an operator can find.
     */
    RETAIN
}

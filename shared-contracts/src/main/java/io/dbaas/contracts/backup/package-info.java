/**
 * What backup commands and events share: how a backup is named, what Qdrant's snapshots of a backup are, and where a
 * restore starts from (ADR 0017).
 */
@NullMarked
package io.dbaas.contracts.backup;

import org.jspecify.annotations.NullMarked;

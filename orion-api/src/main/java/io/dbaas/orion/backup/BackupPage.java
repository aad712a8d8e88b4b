package io.dbaas.orion.backup;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of backups, newest first, and the token of the next page (null on the last). */
public record BackupPage(List<Backup> items, @Nullable String nextPageToken) {}

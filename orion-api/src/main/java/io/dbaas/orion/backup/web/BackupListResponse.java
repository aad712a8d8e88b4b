package io.dbaas.orion.backup.web;

import io.dbaas.orion.backup.BackupPage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of backups, newest first; {@code next_page_token} continues it, absent on the last page. */
record BackupListResponse(
        List<BackupResponse> items, @Nullable String nextPageToken) {

    static BackupListResponse of(BackupPage page) {
        return new BackupListResponse(
                page.items().stream().map(BackupResponse::of).toList(), page.nextPageToken());
    }
}

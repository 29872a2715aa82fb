package jp.madoguchi.app.ui;

import java.time.Instant;

/**
 * One observation of the offline cache for the status bar.
 *
 * @param connected        false while no offline-cache adapter is wired in: then every other field is empty
 * @param link             the link to central, or {@code null} when not connected
 * @param queueDepth       outbox entries not yet acknowledged by central
 * @param oldestEntry      when the oldest of them was recorded, or {@code null} when the queue is empty
 * @param cacheRefreshedAt the last successful pull into the read cache, or {@code null} if never
 */
public record SyncStatus(boolean connected, LinkState link, int queueDepth, Instant oldestEntry, Instant cacheRefreshedAt) {

    public static final SyncStatus NOT_CONNECTED = new SyncStatus(false, null, 0, null, null);
}

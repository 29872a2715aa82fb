package jp.madoguchi.app.ui;

import java.time.Instant;
import jp.madoguchi.common.MadoguchiException;

/**
 * One observation of the offline cache for the status bar.
 *
 * @param connected        false before the first report and when the queue or link could not be opened:
 *                         then every other field but {@code failure} is empty
 * @param link             the link to central, or {@code null} when not connected
 * @param queueDepth       outbox entries not yet acknowledged by central
 * @param oldestEntry      when the oldest of them was recorded, or {@code null} when the queue is empty
 * @param cacheRefreshedAt the last successful pull into the read cache, or {@code null} if never
 * @param failure          why the queue and link are not usable (shown with its code), or {@code null}
 */
public record SyncStatus(boolean connected, LinkState link, int queueDepth, Instant oldestEntry, Instant cacheRefreshedAt,
        MadoguchiException failure) {

    /** Before the first report. */
    public static final SyncStatus NOT_CONNECTED = new SyncStatus(false, null, 0, null, null, null);

    /** A report of working parts. */
    public SyncStatus(boolean connected, LinkState link, int queueDepth, Instant oldestEntry, Instant cacheRefreshedAt) {
        this(connected, link, queueDepth, oldestEntry, cacheRefreshedAt, null);
    }

    /** The parts could not be opened. */
    public static SyncStatus unavailable(MadoguchiException failure) {
        return new SyncStatus(false, null, 0, null, null, failure);
    }
}

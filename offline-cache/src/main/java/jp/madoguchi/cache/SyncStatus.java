package jp.madoguchi.cache;

import java.time.Duration;
import java.time.Instant;

/**
 * One snapshot for the UI's status bar and the sync report (counter-rules §6.6).
 *
 * @param link            the link state
 * @param queueDepth      outbox entries not yet acknowledged (未送信)
 * @param oldestPending   age of the oldest of them, or null when none
 * @param lastSuccess     when a sync round last completed against central, or null
 * @param cacheRefreshed  when the office feed was last read to its end, or null (the cache's freshness)
 * @param openCases       follow-up cases (要対応) still open
 * @param halt            why sending is halted until a supervisor acts (e.g. MDG-CACHE-010 SEQ_REUSED), or null
 */
public record SyncStatus(LinkState link, long queueDepth, Duration oldestPending, Instant lastSuccess,
        Instant cacheRefreshed, long openCases, String halt) {
}

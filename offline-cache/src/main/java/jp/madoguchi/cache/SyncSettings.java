package jp.madoguchi.cache;

import java.time.Duration;

/**
 * The sync engine's timing.
 *
 * @param backoffBase    first retry delay bound (full jitter: a delay is drawn from [0, min(cap, base·2^n)])
 * @param backoffCap     largest retry delay bound
 * @param pollInterval   how often an idle engine pulls the feed and looks for work
 * @param probeInterval  how often the health probe runs
 * @param slowThreshold  a call slower than this makes the link DEGRADED
 * @param batchSize      operations per POST (1..500)
 * @param feedPageSize   events per feed page (1..1000)
 */
public record SyncSettings(Duration backoffBase, Duration backoffCap, Duration pollInterval, Duration probeInterval,
        Duration slowThreshold, int batchSize, int feedPageSize) {

    public SyncSettings {
        if (batchSize < 1 || batchSize > 500 || feedPageSize < 1 || feedPageSize > 1000) {
            throw new IllegalArgumentException("batchSize must be 1..500 and feedPageSize 1..1000");
        }
    }

    /** The protocol's defaults: backoff base 1 s, cap 5 min. */
    public static SyncSettings defaults() {
        return new SyncSettings(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(15),
                Duration.ofSeconds(3), 500, 1000);
    }

    public SyncSettings withBackoff(Duration base, Duration cap) {
        return new SyncSettings(base, cap, pollInterval, probeInterval, slowThreshold, batchSize, feedPageSize);
    }

    public SyncSettings withIntervals(Duration poll, Duration probe) {
        return new SyncSettings(backoffBase, backoffCap, poll, probe, slowThreshold, batchSize, feedPageSize);
    }

    public SyncSettings withBatchSize(int size) {
        return new SyncSettings(backoffBase, backoffCap, pollInterval, probeInterval, slowThreshold, size, feedPageSize);
    }
}

package jp.madoguchi.cache;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CacheStore} opens.
 *
 * @param dataDirectory   holds {@code outbox.db} (and its -wal/-shm) and {@code read-cache.db}
 * @param terminalId      this workstation's terminal id (the client certificate's CN)
 * @param clock           the wall clock acts are stamped with
 * @param busyTimeout     how long a write waits for another process's lock before MDG-CACHE-003
 * @param clockTolerance  how far the clock may step back behind the last act before MDG-CACHE-007
 * @param piiRetention    how long personal data of synced acts stays on the workstation (default 30 days)
 */
public record StoreSettings(Path dataDirectory, String terminalId, Clock clock, Duration busyTimeout,
        Duration clockTolerance, Duration piiRetention) {

    public StoreSettings {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(clock, "clock");
    }

    /** The defaults: system clock, 5 s busy timeout, 2 min clock tolerance, 30 days retention. */
    public static StoreSettings defaults(Path dataDirectory, String terminalId) {
        return new StoreSettings(dataDirectory, terminalId, Clock.systemUTC(), Duration.ofSeconds(5),
                Duration.ofMinutes(2), Duration.ofDays(30));
    }

    public StoreSettings withClock(Clock c) {
        return new StoreSettings(dataDirectory, terminalId, c, busyTimeout, clockTolerance, piiRetention);
    }

    public StoreSettings withBusyTimeout(Duration d) {
        return new StoreSettings(dataDirectory, terminalId, clock, d, clockTolerance, piiRetention);
    }

    public Path outboxFile() {
        return dataDirectory.resolve("outbox.db");
    }

    public Path readCacheFile() {
        return dataDirectory.resolve("read-cache.db");
    }
}

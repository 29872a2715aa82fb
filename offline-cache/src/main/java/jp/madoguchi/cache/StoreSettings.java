package jp.madoguchi.cache;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import jp.madoguchi.common.Configuration;

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

    /** The configuration key of the PII retention period, in days. */
    public static final String PII_RETENTION_KEY = "cache.pii.retention.days";

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

    /** The setting that purges personal data of synced acts after {@code d} (see {@link CacheStore#purgePersonalData()}). */
    public StoreSettings withPiiRetention(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the PII retention period must be positive: " + d);
        }
        return new StoreSettings(dataDirectory, terminalId, clock, busyTimeout, clockTolerance, d);
    }

    /**
     * These settings with the workstation configuration's keys for the store applied:
     * {@code cache.pii.retention.days} (1-3650, default 30 in madoguchi-defaults.properties). A value
     * outside that range is refused naming the key and where it came from.
     */
    public StoreSettings withConfiguration(Configuration config) {
        int days = config.getInt(PII_RETENTION_KEY);
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("setting " + PII_RETENTION_KEY + " from " + config.origin(PII_RETENTION_KEY)
                    + " must be 1-3650 days: " + days);
        }
        return withPiiRetention(Duration.ofDays(days));
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

package jp.madoguchi.cache;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter in {@code rand_a} so ids made
 * in the same millisecond still sort in creation order, then 62 random bits. Monotonic even when the
 * wall clock steps back: the timestamp never goes below the last one issued. Thread-safe. The store
 * makes every act's opId with it; public so that the ingest bench sends the ids a workstation sends.
 */
public final class Uuid7 {

    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private int counter;

    /** The next id, at {@code nowMillis} (Unix milliseconds) or just after the last one issued. */
    public synchronized UUID next(long nowMillis) {
        if (nowMillis > lastMillis) {
            lastMillis = nowMillis;
            counter = random.nextInt(1 << 10);
        } else if (++counter >= 1 << 12) {
            lastMillis++;
            counter = 0;
        }
        long msb = (lastMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
        long lsb = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}

package jp.madoguchi.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.crypto.SecretKey;

/** The workstation side of a sync test: store, read cache, client and engine over one data directory. */
final class Workstation implements AutoCloseable {

    static final SyncSettings FAST = SyncSettings.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(400))
            .withIntervals(Duration.ofMillis(300), Duration.ofMillis(100));

    final CacheStore store;
    final ReadCache cache;
    final SyncEngine engine;

    Workstation(Path data, CentralFixture central, SyncSettings settings, Duration timeout) {
        SecretKey key = KeyVault.openOrCreate(data.resolve("key").resolve("cache-key.p12"), CentralFixture.PASSWORD.clone());
        StoreSettings s = StoreSettings.defaults(data, CentralFixture.TERMINAL);
        store = CacheStore.open(s, key);
        cache = ReadCache.open(s, key, CentralFixture.OFFICE);
        engine = new SyncEngine(store, cache, central.client(timeout), settings);
    }

    Workstation(Path data, CentralFixture central) {
        this(data, central, FAST, Duration.ofSeconds(5));
    }

    Workstation start() {
        engine.start();
        return this;
    }

    /** Waits (bounded) until the condition holds; fails the test with {@code what} otherwise. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        engine.close();
        cache.close();
        store.close();
    }
}

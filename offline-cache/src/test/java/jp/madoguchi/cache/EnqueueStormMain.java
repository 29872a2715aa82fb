package jp.madoguchi.cache;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * The crash test's victim: records acts as fast as it can and prints {@code OK seq opId} after each
 * {@link CacheStore#record} returned, until it is killed. A line printed is a promise the parent checks.
 */
public final class EnqueueStormMain {
    private EnqueueStormMain() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        SecretKey key = KeyVault.openOrCreate(data.resolve("key").resolve("cache-key.p12"), CentralFixture.PASSWORD.clone());
        CacheStore store = CacheStore.open(StoreSettings.defaults(data, CentralFixture.TERMINAL), key);
        System.out.println("OPEN");
        System.out.flush();
        for (long n = 0; n < Long.MAX_VALUE; n++) {
            Map<String, Object> payload = new LinkedHashMap<>(Fixtures.applicationWithPersonalData(0).payload());
            payload.put("applicationId", "CR-" + UUID.randomUUID());
            RecordedAct r = store.record(new CounterAct(OperationType.APPLICATION_SUBMITTED, "C001", null, null, null, payload));
            System.out.println("OK " + r.seq() + " " + r.opId());
            System.out.flush();
        }
        store.close();
    }
}

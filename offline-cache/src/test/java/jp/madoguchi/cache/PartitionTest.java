package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jp.madoguchi.sim.central.faults.FaultInjector;
import jp.madoguchi.sim.central.faults.FaultSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters keep recording while central is away or misbehaving, and everything arrives exactly once
 * afterwards. Faults come from the reference central's own injector (partition = its port closed;
 * 5xx, 503 + Retry-After, TCP resets, hangs and latency).
 */
class PartitionTest {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private final AtomicInteger ids = new AtomicInteger();

    @TempDir
    Path dir;

    CentralFixture central;
    Workstation ws;

    @BeforeEach
    void start() throws Exception {
        central = new CentralFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (ws != null) {
            ws.close();
        }
        central.close();
    }

    private List<RecordedAct> storm(int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<RecordedAct>> futures = new ArrayList<>();
        for (int i = 0; i < threads * perThread; i++) {
            futures.add(pool.submit(() -> ws.store.record(Fixtures.applicationWithPersonalData(ids.incrementAndGet()))));
        }
        List<RecordedAct> acts = new ArrayList<>();
        for (Future<RecordedAct> f : futures) {
            acts.add(f.get());
        }
        pool.shutdown();
        return acts;
    }

    private void assertEverythingAppliedOnce(List<RecordedAct> acts) throws Exception {
        Workstation.await("the queue to drain", WAIT, () -> SyncEngineTest.drained(ws, central));
        long[] stored = central.storedOperations();
        QueueSummary q = ws.store.summary();
        assertThat(stored[0]).isEqualTo(q.lastSeq());
        assertThat(stored[1]).isEqualTo(stored[0]);
        assertThat(q.rejected()).isZero();
        List<OutboxEntry> entries = ws.store.entries(1, 100_000);
        assertThat(entries).allMatch(e -> e.state() == LocalSyncState.ACKED);
        assertThat(entries).extracting(e -> e.opId()).containsAll(acts.stream().map(RecordedAct::opId).toList());
        assertThat(central.operations()).allMatch(o -> o[3].equals("APPLIED"));
    }

    @Test
    void centralDownForTheWholeStormThenEverythingDrainsAfterHeal() throws Exception {
        central.faults(FaultSettings.NONE.with(CacheStore.JSON.readTree("{\"partition\": true}")));
        ws = new Workstation(dir.resolve("ws"), central).start();
        Workstation.await("OFFLINE", WAIT, () -> ws.engine.link() == LinkState.OFFLINE);
        List<RecordedAct> acts = storm(4, 100);
        SyncStatus during = ws.engine.status();
        assertThat(during.link()).isEqualTo(LinkState.OFFLINE);
        assertThat(during.queueDepth()).isGreaterThanOrEqualTo(400);
        assertThat(during.oldestPending()).isNotNull();
        assertThat(central.storedOperations()[0]).isZero();

        central.faults(FaultSettings.NONE);
        assertEverythingAppliedOnce(acts);
        Workstation.await("ONLINE", WAIT, () -> ws.engine.link() == LinkState.ONLINE);
    }

    @Test
    void slowFailingAndResettingCentralStillGetsEverythingExactlyOnce() throws Exception {
        central.faults(FaultSettings.NONE.with(CacheStore.JSON.readTree(
                "{\"latencyMillis\": 20, \"errorRate\": 0.2, \"unavailableRate\": 0.1, \"retryAfterSeconds\": 1,"
                        + " \"resetRate\": 0.1, \"hangRate\": 0.02, \"seed\": 42}")));
        ws = new Workstation(dir.resolve("ws"), central, Workstation.FAST.withBatchSize(50), Duration.ofSeconds(2)).start();
        List<RecordedAct> acts = new ArrayList<>();
        for (int wave = 0; wave < 3; wave++) {
            acts.addAll(storm(3, 50));
            Thread.sleep(200);
        }
        assertEverythingAppliedOnce(acts);
        assertThat(ws.store.entries(1, 100_000)).anyMatch(e -> "DUPLICATE".equals(e.outcome()) || "APPLIED".equals(e.outcome()));
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfterAndThenEverythingArrivesOnce() throws Exception {
        ws = new Workstation(dir.resolve("ws"), central).start();
        List<RecordedAct> acts = new ArrayList<>(storm(1, 3));
        Workstation.await("the first acts to drain", WAIT, () -> SyncEngineTest.drained(ws, central));
        // Every request is now answered 429 with Retry-After 2 s; the engine's own backoff (FAST) is capped at 0.4 s.
        central.faults(FaultSettings.NONE.with(CacheStore.JSON.readTree("{\"throttleRate\": 1, \"retryAfterSeconds\": 2}")));
        acts.addAll(storm(1, 3));
        Workstation.await("three throttled pushes", WAIT, () -> pushes().size() >= 3);
        List<FaultInjector.Decision> throttled = pushes();
        central.faults(FaultSettings.NONE);
        assertThat(throttled).allMatch(d -> d.action() == FaultInjector.Action.THROTTLED);
        for (int i = 1; i < throttled.size(); i++) {
            assertThat(Duration.ofNanos(throttled.get(i).nanoTime() - throttled.get(i - 1).nanoTime()))
                    .as("gap before throttled push %d", i).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
        assertEverythingAppliedOnce(acts);
    }

    /** The batches central's fault gate saw since the settings last changed. */
    private List<FaultInjector.Decision> pushes() {
        return central.faults.history().stream().filter(d -> d.path().equals("POST /v1/operations")).toList();
    }
}

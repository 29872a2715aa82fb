package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random moments during an enqueue storm in a separate JVM, 20 rounds on one data
 * directory. After every kill, every act whose record() returned is there with its seq, seqs have no
 * gap and the audit chain verifies; at the end the whole queue drains to the reference central with
 * every opId applied exactly once.
 */
class CrashTest {

    private static final int ROUNDS = 20;

    @TempDir
    Path dir;

    @Test
    void everyReturnedActSurvivesSigkillAndDrainsOnce() throws Exception {
        Path data = dir.resolve("ws");
        Random random = new Random(20261125L);
        Map<String, Long> promised = new LinkedHashMap<>();
        int killedBeforeOpen = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = ChildJvm.start(EnqueueStormMain.class, data.toString());
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            Map<String, Long> lines = new LinkedHashMap<>();
            CountDownLatch opened = new CountDownLatch(1);
            Thread reader = new Thread(() -> read(out, lines, opened));
            reader.start();
            if (round % 4 == 1) {
                // Now and then kill while the JVM may still be opening (or migrating) the store.
                Thread.sleep(random.nextInt(2500));
            } else {
                assertThat(opened.await(120, TimeUnit.SECONDS)).as("round %d: the storm JVM opened its store", round).isTrue();
                Thread.sleep(50 + random.nextInt(500));
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            synchronized (lines) {
                promised.putAll(lines);
                if (lines.isEmpty()) {
                    killedBeforeOpen++;
                }
            }
            try (CacheStore store = CacheStore.open(StoreSettings.defaults(data, CentralFixture.TERMINAL),
                    KeyVault.openOrCreate(data.resolve("key").resolve("cache-key.p12"), CentralFixture.PASSWORD.clone()))) {
                List<OutboxEntry> entries = store.entries(1, 1_000_000);
                Map<String, Long> present = entries.stream().collect(Collectors.toMap(e -> e.opId().toString(), OutboxEntry::seq));
                assertThat(present).as("round %d: every act whose record() returned", round).containsAllEntriesOf(promised);
                for (int i = 0; i < entries.size(); i++) {
                    assertThat(entries.get(i).seq()).as("round %d: seqs without gaps", round).isEqualTo(i + 1L);
                }
                AuditVerification audit = store.verifyAudit();
                assertThat(audit.intact()).as("round %d: audit chain %s", round, audit.problem()).isTrue();
                assertThat(audit.rows()).isEqualTo(entries.size());
            }
        }
        assertThat(promised).hasSizeGreaterThan(ROUNDS);
        assertThat(killedBeforeOpen).isLessThan(ROUNDS);

        try (CentralFixture central = new CentralFixture(dir.resolve("c"));
                Workstation ws = new Workstation(data, central).start()) {
            Workstation.await("the crashed queue to drain", Duration.ofMinutes(3), () -> SyncEngineTest.drained(ws, central));
            long[] stored = central.storedOperations();
            QueueSummary q = ws.store.summary();
            assertThat(stored[0]).as("operations central stored").isEqualTo(q.lastSeq());
            assertThat(stored[1]).as("distinct opIds among them").isEqualTo(stored[0]);
            assertThat(q.rejected()).as("rejected (an application applied twice would be APPLICATION_EXISTS)").isZero();
            assertThat(ws.store.entries(1, 1_000_000)).allMatch(e -> e.state() == LocalSyncState.ACKED);
            assertThat(central.operations()).filteredOn(o -> !o[3].equals("APPLIED")).isEmpty();
        }
    }

    private static void read(BufferedReader out, Map<String, Long> lines, CountDownLatch opened) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("OPEN")) {
                    opened.countDown();
                } else if (line.startsWith("OK ")) {
                    String[] parts = line.split(" ");
                    synchronized (lines) {
                        lines.put(parts[2], Long.parseLong(parts[1]));
                    }
                }
            }
        } catch (IOException e) {
            // The child was killed mid-line: what was read completely is what was promised.
        }
    }
}

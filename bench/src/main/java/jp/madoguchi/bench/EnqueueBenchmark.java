package jp.madoguchi.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.KeyVault;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.StoreSettings;

/**
 * Durable enqueue: {@link CacheStore#record} (the act's one outbox row with its link of the audit chain, schema V9;
 * AES-GCM sealing, the audit hash, the store's write lock, one fsynced commit) against the floor it
 * cannot beat, a raw JDBC single-row insert and commit on a file with the same pragmas (SQLite's automatic
 * WAL checkpoint included, as any plain connection has it). Both run in the same process and directory, in
 * alternating blocks so machine noise hits both alike. After every block, of either side, the bench pauses for
 * {@link #PAUSE_MILLIS}: a counter records an act per resident, not hundreds per second, and the store
 * checkpoints its WAL in such pauses (docs/offline-cache.md); the pause keeps that background work from
 * landing in the other side's timed block, and both sides get the same pauses.
 */
public final class EnqueueBenchmark implements Benchmark {

    private static final int BLOCKS = 10;
    private static final int PER_BLOCK = 150;
    /**
     * Untimed acts per side first. The workstation's JVM runs all day; with 200 the C2 compiler was still
     * compiling the store's path through the timed blocks (per-thread CPU from /proc/self/task: C2 used about
     * a third of the process's CPU per act even after 3 000 acts on the loaded machine), competing with it
     * for the two cores. Both sides get the same warm-up.
     */
    private static final int WARMUP = 2000;
    private static final long PAUSE_MILLIS = 300;

    @Override
    public String name() {
        return "enqueue";
    }

    @Override
    public List<BenchRow> run() throws Exception {
        Path dir = Files.createTempDirectory("mado-bench-enqueue");
        SecretKey key = KeyVault.openOrCreate(dir.resolve("key.p12"), "bench-secret".toCharArray());
        long[] ours = new long[BLOCKS * PER_BLOCK];
        long[] raw = new long[BLOCKS * PER_BLOCK];
        long oursCpu = 0;
        long rawCpu = 0;
        double oursFrames;
        double rawFrames;
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir.resolve("data"), "B01"), key);
                Connection c = DriverManager.getConnection(CacheStore.outboxJdbcUrl(dir.resolve("raw.db"), Duration.ofSeconds(5)))) {
            c.createStatement().execute("CREATE TABLE entry (seq INTEGER PRIMARY KEY, op_id TEXT NOT NULL, payload BLOB)");
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("INSERT INTO entry VALUES (?, ?, ?)");
            byte[] blob = new byte[300];
            long seq = 0;
            for (int i = 0; i < WARMUP; i++) {
                store.record(act(i));
                insertRaw(c, insert, ++seq, blob);
            }
            int n = 0;
            int m = 0;
            for (int b = 0; b < BLOCKS; b++) {
                long cpu0 = processCpuNanos();
                for (int i = 0; i < PER_BLOCK; i++) {
                    CounterAct act = act(i);
                    long t0 = System.nanoTime();
                    store.record(act);
                    ours[n++] = System.nanoTime() - t0;
                }
                long cpu1 = processCpuNanos();
                Thread.sleep(PAUSE_MILLIS);
                long cpu2 = processCpuNanos();
                for (int i = 0; i < PER_BLOCK; i++) {
                    long t0 = System.nanoTime();
                    insertRaw(c, insert, ++seq, blob);
                    raw[m++] = System.nanoTime() - t0;
                }
                long cpu3 = processCpuNanos();
                Thread.sleep(PAUSE_MILLIS);
                // Each side's CPU includes the pause after its block: the store's checkpoint there is its cost too.
                oursCpu += cpu2 - cpu0;
                rawCpu += processCpuNanos() - cpu2;
            }
            Path outbox = dir.resolve("data").resolve("outbox.db");
            oursFrames = walFramesPer(outbox, FRAME_RUN, () -> {
                for (int i = 0; i < FRAME_RUN; i++) {
                    store.record(act(i));
                }
            });
            c.commit();
            c.setAutoCommit(true);
            long from = seq;
            rawFrames = walFramesPer(dir.resolve("raw.db"), FRAME_RUN, () -> {
                c.setAutoCommit(false);
                for (int i = 0; i < FRAME_RUN; i++) {
                    insertRaw(c, insert, from + 1 + i, blob);
                }
            });
        } finally {
            delete(dir);
        }
        Arrays.sort(ours);
        Arrays.sort(raw);
        return List.of(
                new BenchRow("durable enqueue median vs raw JDBC commit", millis(ours, 0.5), millis(raw, 0.5), "ms", "<= 1.3x", 1.3),
                new BenchRow("durable enqueue p99 vs raw JDBC commit", millis(ours, 0.99), millis(raw, 0.99), "ms", "<= 1.3x", 1.3),
                // CPU time of the whole process per act: what neighbours' fsyncs and run queue do not distort.
                new BenchRow("durable enqueue CPU per act vs raw JDBC commit (process CPU)", oursCpu / 1e6 / ours.length,
                        rawCpu / 1e6 / raw.length, "ms", "(for reading)", Double.NaN),
                // What an act appends to the WAL (each frame one page + 24 bytes, written before the commit's fsync).
                new BenchRow("durable enqueue WAL frames per act vs raw JDBC commit", oursFrames, rawFrames, "frames",
                        "(for reading)", Double.NaN));
    }

    /** Acts run back to back for the WAL frame count: no pause, so the store's checkpointer stays out of it. */
    private static final int FRAME_RUN = 100;

    private interface Work {
        void run() throws Exception;
    }

    /**
     * WAL frames per commit of {@code work} ({@code commits} commits back to back): the WAL is checkpointed and
     * truncated first (from a connection of its own), so its size afterwards is the header plus what they appended.
     */
    private static double walFramesPer(Path db, int commits, Work work) throws Exception {
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        int pageSize;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?busy_timeout=5000")) {
            try (var rs = c.createStatement().executeQuery("PRAGMA page_size")) {
                rs.next();
                pageSize = rs.getInt(1);
            }
            // The store's checkpointer may be checkpointing at this moment: try again until the WAL is empty.
            for (int attempt = 0; ; attempt++) {
                try (var rs = c.createStatement().executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    rs.next();
                    if (rs.getInt(1) == 0 && Files.size(wal) == 0) {
                        break;
                    }
                }
                if (attempt == 50) {
                    return Double.NaN;
                }
                Thread.sleep(20);
            }
        }
        work.run();
        return (Files.size(wal) - 32) / (double) (pageSize + 24) / commits;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void insertRaw(Connection c, PreparedStatement insert, long seq, byte[] blob) throws Exception {
        insert.setLong(1, seq);
        insert.setString(2, UUID.randomUUID().toString());
        insert.setBytes(3, blob);
        insert.executeUpdate();
        c.commit();
    }

    private static CounterAct act(int i) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("cardSerial", String.format("%015d", 200000000000000L + i));
        payload.put("pinTypes", List.of("AUTH", "JUKI"));
        payload.put("reason", "FORGOTTEN");
        payload.put("triesLeftBefore", 0);
        payload.put("visitorType", "HOLDER");
        payload.put("idMethod", List.of("ID_A"));
        return new CounterAct(OperationType.PIN_RESET, "C001", null, (String) payload.get("cardSerial"), 3L, payload);
    }

    static double millis(long[] sortedNanos, double quantile) {
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    static void delete(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package jp.madoguchi.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.CentralClient;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.KeyVault;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.cache.StoreSettings;
import jp.madoguchi.cache.SyncEngine;
import jp.madoguchi.cache.SyncSettings;
import jp.madoguchi.cache.Uuid7;

/**
 * Drain: a queue of N acts (default 100k, {@code -Dmadoguchi.bench.drain.count}) sent by the sync
 * engine to the reference central (its own process, started through its command line, so the bench
 * has no compile-time tie to a simulator) over loopback mTLS, in ops/s from engine start until every entry is
 * acknowledged. Baseline, same run and server: the same number of operations POSTed in batches of 500
 * by a bare JDK HttpClient from a second enrolled terminal (no store, no sealing, no bookkeeping) —
 * the rate central itself allows.
 *
 * <p>Fairness: both sides meet a central in the same state. Before either is timed, central is warmed
 * by both paths (a bare-client drain and an engine drain of {@code madoguchi.bench.drain.warmup}
 * operations each, default min(N, 20k), from two more terminals), so neither side pays for central's
 * (or its own client's) JIT compilation. Until session 6 the baseline ran first against a freshly
 * started central and the engine met a warm one. Both sides send UUIDv7 opIds, the ids a workstation
 * sends (the baseline sent random v4 ids, which cost central more: see docs/central.md). Both queues and
 * all bodies are prepared before anything is sent. Each side also reports the CPU time per operation
 * of central's process and of this JVM (the client side) over its timed window: on a shared machine
 * CPU time is steadier than the wall clock.
 */
public final class DrainBenchmark implements Benchmark {

    private static final char[] PASSWORD = "bench-password".toCharArray();
    private static final String CENTRAL_MAIN = "jp.madoguchi.sim.central.cli.CentralCommand";
    private static final String KEYSTORE = "workstation.p12";
    private static final String CA_PEM = "central-ca.pem";
    private static final String OFFICE = "131016";

    @Override
    public String name() {
        return "drain";
    }

    /** One timed side: operations, wall nanos, central's CPU nanos, this JVM's CPU nanos. */
    private record Side(int ops, long wallNanos, long centralCpuNanos, long clientCpuNanos) {
        double opsPerSecond() {
            return ops / (wallNanos / 1e9);
        }

        double centralMicrosPerOp() {
            return centralCpuNanos / 1e3 / ops;
        }

        double clientMicrosPerOp() {
            return clientCpuNanos / 1e3 / ops;
        }
    }

    @Override
    public List<BenchRow> run() throws Exception {
        int count = Integer.getInteger("madoguchi.bench.drain.count", 100_000);
        int warmup = Integer.getInteger("madoguchi.bench.drain.warmup", Math.min(count, 20_000));
        Path dir = Files.createTempDirectory("mado-bench-drain");
        Process central = null;
        try {
            // The reference central runs as its own process, started and enrolled through its command line.
            Path data = dir.resolve("central");
            for (String terminal : List.of("B01", "B02", "W01", "W02")) {
                centralCommand(data, "enrol", "--office", OFFICE, "--type", "MUNICIPAL", "--terminal", terminal, "--out",
                        dir.resolve(terminal.toLowerCase(java.util.Locale.ROOT)).toString(), "--password", new String(PASSWORD)).waitFor();
            }
            central = centralCommand(data, "serve", "--port", "0", "--admin-port", "-1");
            URI base = URI.create(servingUrl(central));
            long centralPid = central.pid();

            SecretKey key = KeyVault.openOrCreate(dir.resolve("key.p12"), "bench-secret".toCharArray());
            List<byte[]> warmBodies = bodies("W02", "V-", warmup);
            List<byte[]> baselineBodies = bodies("B02", "B-", count);
            StoreSettings warmSettings = StoreSettings.defaults(dir.resolve("warm"), "W01");
            StoreSettings settings = StoreSettings.defaults(dir.resolve("ws"), "B01");
            try (CacheStore warmStore = CacheStore.open(warmSettings, key); ReadCache warmCache = ReadCache.open(warmSettings, key, OFFICE);
                    CacheStore store = CacheStore.open(settings, key); ReadCache cache = ReadCache.open(settings, key, OFFICE)) {
                fill(warmStore, "U-", warmup);
                fill(store, "W-", count);
                // Untimed warm-up of central and of both client paths, then the two timed sides.
                post(base, client(dir.resolve("w02")), warmBodies);
                drain(warmStore, warmCache, centralClient(base, dir.resolve("w01")));
                // The clients are made (key stores read, TLS contexts built) before the clock starts, on both sides.
                HttpClient bare = client(dir.resolve("b02"));
                Side baseline = measure(centralPid, count, () -> post(base, bare, baselineBodies));
                CentralClient engineClient = centralClient(base, dir.resolve("b01"));
                Side ours = measure(centralPid, count, () -> drain(store, cache, engineClient));
                String suffix = " (after " + warmup + " ops of warm-up per side)";
                return List.of(
                        new BenchRow("drain of " + count + " entries to central (ops/s; baseline: bare HttpClient)" + suffix,
                                ours.opsPerSecond(), baseline.opsPerSecond(), "ops/s", ">= 10k ops/s", Double.NaN),
                        new BenchRow("drain: central's process CPU per op (us; baseline: bare HttpClient's ops)",
                                ours.centralMicrosPerOp(), baseline.centralMicrosPerOp(), "us", "report", Double.NaN),
                        new BenchRow("drain: workstation JVM CPU per op (us; engine + store vs bare HttpClient)",
                                ours.clientMicrosPerOp(), baseline.clientMicrosPerOp(), "us", "report", Double.NaN));
            }
        } finally {
            if (central != null) {
                central.destroy();
                central.waitFor();
            }
            EnqueueBenchmark.delete(dir);
        }
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static Side measure(long centralPid, int ops, Timed timed) throws Exception {
        long central0 = processCpuNanos(centralPid);
        long client0 = ownCpuNanos();
        long start = System.nanoTime();
        timed.run();
        long wall = System.nanoTime() - start;
        return new Side(ops, wall, processCpuNanos(centralPid) - central0, ownCpuNanos() - client0);
    }

    /** Records {@code count} acts in transactions of 1000 (untimed). */
    private static void fill(CacheStore store, String prefix, int count) {
        for (int done = 0; done < count; done += 1000) {
            List<CounterAct> acts = new ArrayList<>(1000);
            for (int i = done; i < Math.min(count, done + 1000); i++) {
                acts.add(act(prefix + i));
            }
            store.record(acts);
        }
    }

    /** Starts an engine on {@code store} and returns once every entry is acknowledged. */
    private static void drain(CacheStore store, ReadCache cache, CentralClient client) throws Exception {
        SyncSettings sync = SyncSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofSeconds(2))
                .withIntervals(Duration.ofSeconds(30), Duration.ofSeconds(30));
        try (SyncEngine engine = new SyncEngine(store, cache, client, sync)) {
            engine.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (store.summary().depth() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("drain did not finish in 5 minutes; depth " + store.summary().depth());
                }
                Thread.sleep(20);
            }
        }
    }

    private static CentralClient centralClient(URI base, Path enrolment) {
        return CentralClient.open(base, enrolment.resolve(KEYSTORE), PASSWORD.clone(), enrolment.resolve(CA_PEM), Duration.ofSeconds(30));
    }

    /** This JVM's CPU time (every thread, user + system). */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Another process's CPU time, user + system, from /proc/PID/stat (clock ticks of 10 ms on Linux). */
    private static long processCpuNanos(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    /** Runs {@code CentralCommand} (simulators/central) in a child JVM on this JVM's class path. */
    private static Process centralCommand(Path data, String command, String... args) throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String jvm = System.getProperty("madoguchi.bench.drain.centralJvm", "").trim();
        if (!jvm.isEmpty() && "serve".equals(command)) {
            cmd.addAll(List.of(jvm.split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CENTRAL_MAIN, command, "--data", data.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Reads the child's output until it names the URL it serves on. */
    private static String servingUrl(Process central) throws java.io.IOException {
        java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(central.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            int at = line.indexOf("serving https://");
            if (at >= 0) {
                String url = line.substring(at + "serving ".length()).split(" ")[0];
                Thread drainer = new Thread(() -> out.lines().forEach(l -> { }), "central-output");
                drainer.setDaemon(true);
                drainer.start();
                return url;
            }
        }
        throw new IllegalStateException("the central process ended before serving");
    }

    private static CounterAct act(String applicationId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("applicationId", applicationId);
        payload.put("kind", "DOMESTIC");
        payload.put("express", false);
        payload.put("resident", Map.of("name", "試験 太郎", "birthDate", "1980-01-01", "sex", "M", "address", "東京都千代田区"));
        payload.put("visitorType", "HOLDER");
        payload.put("idMethod", List.of("ID_A"));
        return new CounterAct(OperationType.APPLICATION_SUBMITTED, "C001", null, null, null, payload);
    }

    /**
     * The baseline's batches for {@code terminal}: the same kind of operations as the engine's, with
     * UUIDv7 opIds as a workstation makes them, 500 per batch (central's limit).
     */
    private static List<byte[]> bodies(String terminal, String prefix, int count) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        Uuid7 opIds = new Uuid7();
        List<byte[]> bodies = new ArrayList<>();
        for (int first = 1; first <= count; first += 500) {
            ObjectNode batch = json.createObjectNode().put("terminalId", terminal);
            ArrayNode ops = batch.putArray("operations");
            for (int seq = first; seq < Math.min(count + 1, first + 500); seq++) {
                ObjectNode op = ops.addObject().put("opId", opIds.next(System.currentTimeMillis()).toString()).put("seq", seq)
                        .put("type", "APPLICATION_SUBMITTED").put("occurredAt", "2026-11-25T01:00:00Z").put("clerkId", "C001");
                op.set("payload", json.valueToTree(act(prefix + seq).payload()));
            }
            bodies.add(json.writeValueAsBytes(batch));
        }
        return bodies;
    }

    /** The baseline: the batches POSTed one after another with nothing around them. */
    private static void post(URI base, HttpClient http, List<byte[]> bodies) throws Exception {
        for (byte[] body : bodies) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/operations")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("baseline batch refused: " + r.statusCode() + " " + r.body());
            }
        }
    }

    private static HttpClient client(Path enrolment) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(enrolment.resolve(KEYSTORE))) {
            ks.load(in, PASSWORD);
        }
        KeyStore keyPair = KeyStore.getInstance("PKCS12");
        keyPair.load(null, null);
        keyPair.setKeyEntry("workstation", ks.getKey("workstation", PASSWORD), PASSWORD, ks.getCertificateChain("workstation"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyPair, PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(enrolment.resolve(CA_PEM))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
    }
}

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
import java.util.UUID;
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

/**
 * Drain: a queue of N acts (default 100k, {@code -Dmadoguchi.bench.drain.count}) sent by the sync
 * engine to the reference central (its own process, started through its command line, so the bench
 * has no compile-time tie to a simulator) over loopback mTLS, in ops/s from engine start until every entry is
 * acknowledged. Baseline, same run and server: the same number of operations POSTed in batches of 500
 * by a bare JDK HttpClient from a second enrolled terminal (no store, no sealing, no bookkeeping) —
 * the rate central itself allows.
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

    @Override
    public List<BenchRow> run() throws Exception {
        int count = Integer.getInteger("madoguchi.bench.drain.count", 100_000);
        Path dir = Files.createTempDirectory("mado-bench-drain");
        Process central = null;
        try {
            // The reference central runs as its own process, started and enrolled through its command line.
            Path data = dir.resolve("central");
            centralCommand(data, "enrol", "--office", OFFICE, "--type", "MUNICIPAL", "--terminal", "B01", "--out",
                    dir.resolve("b01").toString(), "--password", new String(PASSWORD)).waitFor();
            centralCommand(data, "enrol", "--office", OFFICE, "--type", "MUNICIPAL", "--terminal", "B02", "--out",
                    dir.resolve("b02").toString(), "--password", new String(PASSWORD)).waitFor();
            central = centralCommand(data, "serve", "--port", "0", "--admin-port", "-1");
            URI base = URI.create(servingUrl(central));

            double baseline = baseline(base, dir.resolve("b02"), count);

            SecretKey key = KeyVault.openOrCreate(dir.resolve("key.p12"), "bench-secret".toCharArray());
            StoreSettings settings = StoreSettings.defaults(dir.resolve("ws"), "B01");
            try (CacheStore store = CacheStore.open(settings, key); ReadCache cache = ReadCache.open(settings, key, OFFICE)) {
                for (int done = 0; done < count; done += 1000) {
                    List<CounterAct> acts = new ArrayList<>(1000);
                    for (int i = done; i < Math.min(count, done + 1000); i++) {
                        acts.add(act("W-" + i));
                    }
                    store.record(acts);
                }
                CentralClient client = CentralClient.open(base, dir.resolve("b01").resolve(KEYSTORE), PASSWORD.clone(),
                        dir.resolve("b01").resolve(CA_PEM), Duration.ofSeconds(30));
                SyncSettings sync = SyncSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofSeconds(2))
                        .withIntervals(Duration.ofSeconds(30), Duration.ofSeconds(30));
                long start = System.nanoTime();
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
                double seconds = (System.nanoTime() - start) / 1e9;
                double ours = count / seconds;
                return List.of(new BenchRow("drain of " + count + " entries to central (ops/s; baseline: bare HttpClient)",
                        ours, baseline, "ops/s", ">= 10k ops/s", Double.NaN));
            }
        } finally {
            if (central != null) {
                central.destroy();
                central.waitFor();
            }
            EnqueueBenchmark.delete(dir);
        }
    }

    /** Runs {@code CentralCommand} (simulators/central) in a child JVM on this JVM's class path. */
    private static Process centralCommand(Path data, String command, String... args) throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CENTRAL_MAIN, command, "--data", data.toString()));
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

    /** The same kind and number of operations, POSTed with nothing around them. */
    private static double baseline(URI base, Path enrolment, int count) throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = client(enrolment);
        List<byte[]> bodies = new ArrayList<>();
        for (int first = 1; first <= count; first += 500) {
            ObjectNode batch = json.createObjectNode().put("terminalId", "B02");
            ArrayNode ops = batch.putArray("operations");
            for (int seq = first; seq < Math.min(count + 1, first + 500); seq++) {
                ObjectNode op = ops.addObject().put("opId", UUID.randomUUID().toString()).put("seq", seq)
                        .put("type", "APPLICATION_SUBMITTED").put("occurredAt", "2026-11-25T01:00:00Z").put("clerkId", "C001");
                op.set("payload", json.valueToTree(act("B-" + seq).payload()));
            }
            bodies.add(json.writeValueAsBytes(batch));
        }
        long start = System.nanoTime();
        for (byte[] body : bodies) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/operations")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("baseline batch refused: " + r.statusCode() + " " + r.body());
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
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

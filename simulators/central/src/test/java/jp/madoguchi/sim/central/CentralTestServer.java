package jp.madoguchi.sim.central;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import jp.madoguchi.sim.central.api.CentralServer;
import jp.madoguchi.sim.central.faults.FaultInjector;

/**
 * A real central server for tests: data in a temporary directory, HTTPS + mTLS on a free loopback
 * port, admin port on another, and JDK HttpClients built from enrolled PKCS#12 files exactly as a
 * workstation would.
 */
final class CentralTestServer implements AutoCloseable {

    static final char[] PASSWORD = "test-password".toCharArray();

    final Path dir;
    final Clock clock;
    final FaultInjector faults = new FaultInjector();
    CentralSystem system;
    CentralServer server;

    CentralTestServer(Path dir, Clock clock) throws Exception {
        this.dir = dir;
        this.clock = clock;
        start();
    }

    void start() throws Exception {
        system = CentralSystem.open(dir.resolve("central"), clock);
        server = CentralServer.start(system, faults, "127.0.0.1", 0, 0);
    }

    /** Stops and starts again on the same data (and a new port): a restart. */
    void restart() throws Exception {
        close();
        start();
    }

    String url(String path) {
        return "https://127.0.0.1:" + server.port() + path;
    }

    String adminUrl(String path) {
        return "http://127.0.0.1:" + server.adminPort() + path;
    }

    Path enrol(String office, String type, String terminal) throws Exception {
        Path out = dir.resolve("enrol-" + office + "-" + terminal);
        Enrolment.enrol(system, office, type, terminal, out, PASSWORD, Duration.ofDays(30));
        return out;
    }

    /** A workstation client for an enrolment directory (its PKCS#12 and the CA PEM as the only trust anchor). */
    static HttpClient client(Path enrolment) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(enrolment.resolve(Enrolment.KEYSTORE))) {
            ks.load(in, PASSWORD);
        }
        return client(ks, enrolment.resolve(Enrolment.CA_PEM));
    }

    static HttpClient client(KeyStore keyStore, Path caPem) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A JSON response: status, headers and body. */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    Answer post(HttpClient client, String path, JsonNode body) throws Exception {
        return send(client, HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    Answer get(HttpClient client, String path) throws Exception {
        return send(client, HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET().build());
    }

    static Answer send(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isEmpty() ? null : Json.parse(r.body());
        return new Answer(r.statusCode(), body, r);
    }

    /** An operation with the defined fields. */
    static ObjectNode op(String opId, long seq, String type, ObjectNode payload) {
        ObjectNode op = Json.object().put("opId", opId).put("seq", seq).put("type", type)
                .put("occurredAt", "2026-11-25T01:02:03Z").put("clerkId", "C001");
        if (payload != null) {
            op.set("payload", payload);
        }
        return op;
    }

    static ObjectNode batch(String terminal, ObjectNode... ops) {
        ObjectNode b = Json.object().put("terminalId", terminal);
        var arr = b.putArray("operations");
        for (ObjectNode op : ops) {
            arr.add(op);
        }
        return b;
    }

    static ObjectNode audit(String hash) {
        return Json.object().put("hash", hash).put("count", 1);
    }

    @Override
    public void close() throws Exception {
        server.close();
        system.close();
    }
}

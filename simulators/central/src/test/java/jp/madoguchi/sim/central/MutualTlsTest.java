package jp.madoguchi.sim.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.sim.central.pki.TlsAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may connect: only current certificates of the simulator's CA, and only for their own office. */
class MutualTlsTest {

    @TempDir
    static Path dir;
    static CentralTestServer central;
    static Path enrolment;

    @BeforeAll
    static void start() throws Exception {
        central = new CentralTestServer(dir, Clock.systemUTC());
        enrolment = central.enrol("131016", "MUNICIPAL", "T01");
    }

    @AfterAll
    static void stop() throws Exception {
        central.close();
    }

    private static HttpRequest health() {
        return HttpRequest.newBuilder(URI.create(central.url("/v1/health"))).timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void an_enrolled_workstation_gets_health_with_its_request_id_echoed() throws Exception {
        HttpClient client = CentralTestServer.client(enrolment);
        var a = CentralTestServer.send(client, HttpRequest.newBuilder(URI.create(central.url("/v1/health")))
                .header("X-Request-Id", "probe-1").build());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("status").asText()).isEqualTo("UP");
        assertThat(a.body().get("time").asText()).endsWith("Z");
        assertThat(a.raw().headers().firstValue("X-Request-Id")).contains("probe-1");
        assertThat(a.raw().sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void a_certificate_from_another_ca_is_refused_in_the_handshake() throws Exception {
        TlsAuthority stranger = TlsAuthority.create("Somebody Else");
        KeyStore ks = stranger.workstationKeyStore("131016", "MUNICIPAL", "T01", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)), CentralTestServer.PASSWORD);
        HttpClient client = CentralTestServer.client(ks, enrolment.resolve(Enrolment.CA_PEM));
        assertThatThrownBy(() -> client.send(health(), java.net.http.HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void an_expired_certificate_is_refused_in_the_handshake() throws Exception {
        Path expired = dir.resolve("expired");
        Enrolment.enrol(central.system, "131016", "MUNICIPAL", "T02", expired, CentralTestServer.PASSWORD,
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)));
        HttpClient client = CentralTestServer.client(expired);
        assertThatThrownBy(() -> client.send(health(), java.net.http.HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void no_client_certificate_is_refused_in_the_handshake() throws Exception {
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        HttpClient client = CentralTestServer.client(empty, enrolment.resolve(Enrolment.CA_PEM));
        assertThatThrownBy(() -> client.send(health(), java.net.http.HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void another_offices_path_is_403_cert_mismatch() throws Exception {
        var a = central.get(CentralTestServer.client(enrolment), "/v1/offices/271004/cases");
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.body().get("code").asText()).isEqualTo("CERT_MISMATCH");
    }

    @Test
    void the_enrolment_holds_k_issuer_in_the_keystore_and_as_hex() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(enrolment.resolve(Enrolment.KEYSTORE))) {
            ks.load(in, CentralTestServer.PASSWORD);
        }
        byte[] key = ks.getKey("k-issuer", CentralTestServer.PASSWORD).getEncoded();
        assertThat(key).hasSize(16).isEqualTo(central.system.keys().issuerKey());
        assertThat(Files.readString(enrolment.resolve(Enrolment.ISSUER_HEX)).trim())
                .isEqualTo(java.util.HexFormat.of().withUpperCase().formatHex(key));
        assertThat(Files.getPosixFilePermissions(enrolment.resolve(Enrolment.ISSUER_HEX)))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void curl_talks_to_it_with_the_enrolled_pkcs12() throws Exception {
        Path curl = Path.of("/usr/bin/curl");
        if (!Files.isExecutable(curl)) {
            // Without curl the JDK client tests above already prove the same keystore works.
            an_enrolled_workstation_gets_health_with_its_request_id_echoed();
            return;
        }
        Process p = new ProcessBuilder(curl.toString(), "-s", "--tlsv1.3", "--cert-type", "P12",
                "--cert", enrolment.resolve(Enrolment.KEYSTORE) + ":" + new String(CentralTestServer.PASSWORD),
                "--cacert", enrolment.resolve(Enrolment.CA_PEM).toString(), central.url("/v1/offices/131016/feed?limit=1"))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode body = Json.parse(out);
        assertThat(body.has("events")).isTrue();
        assertThat(body.get("checkpoint").asText()).isNotEmpty();
    }
}

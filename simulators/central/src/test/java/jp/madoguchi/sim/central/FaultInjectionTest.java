package jp.madoguchi.sim.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault switches through the loopback admin port, seen by a real mTLS client. */
class FaultInjectionTest {

    @TempDir
    static Path dir;
    static CentralTestServer central;
    static Path enrolment;
    static final HttpClient ADMIN = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        central = new CentralTestServer(dir, Clock.systemUTC());
        enrolment = central.enrol("131016", "MUNICIPAL", "T01");
    }

    @AfterAll
    static void stop() throws Exception {
        central.close();
    }

    @AfterEach
    void heal() throws Exception {
        ADMIN.send(HttpRequest.newBuilder(URI.create(central.adminUrl("/admin/faults"))).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void faults(String json) throws Exception {
        HttpResponse<String> r = ADMIN.send(HttpRequest.newBuilder(URI.create(central.adminUrl("/admin/faults")))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpRequest health(Duration timeout) {
        return HttpRequest.newBuilder(URI.create(central.url("/v1/health"))).timeout(timeout).build();
    }

    @Test
    void unavailable_answers_503_with_retry_after() throws Exception {
        faults("{\"unavailableRate\": 1, \"retryAfterSeconds\": 7}");
        var a = CentralTestServer.send(CentralTestServer.client(enrolment), health(Duration.ofSeconds(10)));
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.raw().headers().firstValue("Retry-After")).contains("7");
        assertThat(a.body().get("code").asText()).isEqualTo("UNAVAILABLE");
        assertThat(a.body().get("requestId").asText()).isNotEmpty();
    }

    @Test
    void throttling_answers_429_with_retry_after_deterministically_from_the_seed_and_is_logged() throws Exception {
        HttpClient client = CentralTestServer.client(enrolment);
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            faults("{\"throttleRate\": 0.5, \"retryAfterSeconds\": 3, \"seed\": 99}");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                var a = CentralTestServer.send(client, health(Duration.ofSeconds(10)));
                statuses.add(a.status());
                if (a.status() == 429) {
                    assertThat(a.raw().headers().firstValue("Retry-After")).contains("3");
                    assertThat(a.body().get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
                }
            }
            runs.add(statuses);
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(200, 429);
        List<jp.madoguchi.sim.central.faults.FaultInjector.Decision> history = central.faults.history();
        assertThat(history).hasSize(16).allMatch(d -> d.path().equals("GET /v1/health"));
        assertThat(history.stream().map(d -> d.action() == jp.madoguchi.sim.central.faults.FaultInjector.Action.THROTTLED ? 429 : 200)
                .toList()).isEqualTo(runs.get(1));
    }

    @Test
    void error_rate_is_deterministic_from_the_seed() throws Exception {
        HttpClient client = CentralTestServer.client(enrolment);
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            faults("{\"errorRate\": 0.5, \"seed\": 1234}");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                statuses.add(client.send(health(Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            runs.add(statuses);
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(200, 500);
    }

    @Test
    void a_reset_drops_the_connection_without_an_answer() throws Exception {
        faults("{\"resetRate\": 1}");
        HttpClient client = CentralTestServer.client(enrolment);
        assertThatThrownBy(() -> client.send(health(Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void a_hang_lasts_until_the_client_gives_up() throws Exception {
        faults("{\"hangRate\": 1}");
        HttpClient client = CentralTestServer.client(enrolment);
        assertThatThrownBy(() -> client.send(health(Duration.ofMillis(800)), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void a_partition_refuses_connections_until_healed() throws Exception {
        faults("{\"partition\": true}");
        HttpClient client = CentralTestServer.client(enrolment);
        assertThatThrownBy(() -> client.send(health(Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        faults("{\"partition\": false}");
        assertThat(client.send(health(Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void added_latency_still_answers_and_bad_settings_are_refused() throws Exception {
        faults("{\"latencyMillis\": 50}");
        assertThat(CentralTestServer.client(enrolment).send(health(Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        HttpResponse<String> bad = ADMIN.send(HttpRequest.newBuilder(URI.create(central.adminUrl("/admin/faults")))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"errorRate\": 2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("BAD_FAULT");
    }
}

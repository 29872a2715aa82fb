package jp.madoguchi.sim.central;

import static jp.madoguchi.sim.central.CentralTestServer.batch;
import static jp.madoguchi.sim.central.CentralTestServer.op;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.madoguchi.sim.central.domain.CentralRecords;
import jp.madoguchi.sim.central.factory.CardFactory;
import jp.madoguchi.sim.central.pki.ValidityRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central's transitions that no workstation sends (counter-rules §4, source CF): the end of validity
 * of certificates and cards by the clock, and J-LIS's moves of an application. Real server, real
 * store, a clock the test moves, the feed read over mTLS.
 */
class CentralTransitionsTest {

    static final HttpClient ADMIN = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    MutableClock clock;
    CentralTestServer central;
    HttpClient t01;

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
        central = new CentralTestServer(dir, clock);
        t01 = CentralTestServer.client(central.enrol("131016", "MUNICIPAL", "T01"));
    }

    @AfterEach
    void stop() throws Exception {
        central.close();
    }

    private JsonNode admin(String path, String body) throws Exception {
        HttpResponse<String> r = ADMIN.send(HttpRequest.newBuilder(URI.create(central.adminUrl(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = Json.parse(r.body());
        ((ObjectNode) json).put("httpStatus", r.statusCode());
        return json;
    }

    private List<JsonNode> feed() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        JsonNode page = central.get(t01, "/v1/offices/131016/feed?limit=1000").body();
        while (true) {
            page.get("events").forEach(events::add);
            if (!page.get("more").asBoolean()) {
                return events;
            }
            page = central.get(t01, "/v1/offices/131016/feed?limit=1000&after=" + page.get("checkpoint").asText()).body();
        }
    }

    private CentralRecords.Card card(String serial) throws Exception {
        return central.system.database().read(c -> CentralRecords.card(c, serial));
    }

    private List<CentralRecords.Cert> certs(String serial) throws Exception {
        return central.system.database().read(c -> CentralRecords.certs(c, serial));
    }

    @Test
    void certificates_expire_at_not_after_and_cards_at_valid_to_each_with_its_feed_event() throws Exception {
        List<CardFactory.Made> made = new CardFactory(central.system, 7).make("131016", 1, 0, dir.resolve("cards"));
        String serial = made.get(0).cardSerial();
        ObjectNode delivery = Json.object().put("cardSerial", serial).put("applicationId", card(serial).applicationId())
                .put("deliveredAt", "2026-11-25T01:00:00Z").put("visitorType", "HOLDER").put("cardType", "PIN");
        delivery.putArray("idMethod").add("ID_A");
        delivery.putArray("pinTypesSet").add("AUTH");
        assertThat(central.post(t01, "/v1/operations", batch("T01", op(UUID.randomUUID().toString(), 1, "DELIVERY_COMPLETED", delivery)))
                .body().get("results").get(0).get("outcome").asText()).isEqualTo("APPLIED");
        List<CentralRecords.Cert> live = certs(serial);
        assertThat(live).isNotEmpty().allMatch(c -> "VALID".equals(c.status()));
        CentralRecords.Cert first = live.stream().min(java.util.Comparator.comparingLong(CentralRecords.Cert::notAfterMillis)).orElseThrow();

        // One second before notAfter nothing ends; one second after, that certificate is EXPIRED.
        clock.set(Instant.ofEpochMilli(first.notAfterMillis()).minusSeconds(1));
        assertThat(admin("/admin/expire", "").path("certificatesExpired").asInt()).isZero();
        clock.set(Instant.ofEpochMilli(first.notAfterMillis()).plusSeconds(1));
        JsonNode swept = admin("/admin/expire", "");
        assertThat(swept.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(swept.path("certificatesExpired").asInt()).isGreaterThanOrEqualTo(1);
        CentralRecords.Cert expired = certs(serial).stream().filter(c -> c.serial().equals(first.serial())).findFirst().orElseThrow();
        assertThat(expired.status()).isEqualTo("EXPIRED");
        assertThat(expired.version()).isEqualTo(first.version() + 1);
        assertThat(feed()).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("CERT_STATUS_CHANGED");
            assertThat(e.path("certSerial").asText()).isEqualTo(first.serial());
            assertThat(e.path("status").asText()).isEqualTo("EXPIRED");
            assertThat(e.path("version").asLong()).isEqualTo(expired.version());
            assertThat(e.path("notAfter").asText()).isEqualTo(Json.instant(Instant.ofEpochMilli(first.notAfterMillis())));
        });

        // The day after the card's validTo (JST) the card is REVOKED with reason EXPIRED and nothing of it stays live
        // (when the certificate ran to the card's last day, the sweep above already saw that day end).
        LocalDate validTo = LocalDate.parse(card(serial).validTo());
        clock.set(validTo.plusDays(1).atStartOfDay(ValidityRules.JST).toInstant().plus(Duration.ofMinutes(1)));
        JsonNode again = admin("/admin/expire", "");
        assertThat(swept.path("cardsExpired").asInt() + again.path("cardsExpired").asInt()).isEqualTo(1);
        assertThat(card(serial).status()).isEqualTo("REVOKED");
        assertThat(card(serial).reason()).isEqualTo("EXPIRED");
        assertThat(certs(serial)).noneMatch(CentralRecords::isLive);
        assertThat(feed()).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("CARD_STATUS_CHANGED");
            assertThat(e.path("cardSerial").asText()).isEqualTo(serial);
            assertThat(e.path("status").asText()).isEqualTo("REVOKED");
            assertThat(e.path("reason").asText()).isEqualTo("EXPIRED");
        });
        JsonNode idle = admin("/admin/expire", "");
        assertThat(idle.path("certificatesExpired").asInt() + idle.path("cardsExpired").asInt()).isZero();
    }

    @Test
    void jlis_returns_an_application_for_a_defect_and_receives_it_again_on_the_feed() throws Exception {
        ObjectNode payload = Json.object().put("applicationId", "A-DEFECT-1").put("kind", "DOMESTIC").put("express", false)
                .put("visitorType", "HOLDER");
        payload.putObject("resident").put("name", "試験 太郎").put("birthDate", "1985-06-07");
        payload.putArray("idMethod").add("ID_A");
        assertThat(central.post(t01, "/v1/operations", batch("T01", op(UUID.randomUUID().toString(), 1, "APPLICATION_SUBMITTED", payload)))
                .status()).isEqualTo(200);

        JsonNode defect = admin("/admin/applications/A-DEFECT-1/status", "{\"status\":\"DEFECT_RETURNED\",\"reason\":\"PHOTO\"}");
        assertThat(defect.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(defect.path("version").asLong()).isEqualTo(3);
        assertThat(admin("/admin/applications/A-DEFECT-1/status", "{\"status\":\"ISSUED\"}").path("code").asText())
                .isEqualTo("INVALID_TRANSITION");
        assertThat(admin("/admin/applications/A-DEFECT-1/status", "{\"status\":\"RECEIVED\"}").path("version").asLong()).isEqualTo(4);
        assertThat(admin("/admin/applications/A-DEFECT-1/status", "{\"status\":\"ISSUED\"}").path("version").asLong()).isEqualTo(5);
        assertThat(admin("/admin/applications/A-DEFECT-1/status", "{\"status\":\"CANCELLED\"}").path("httpStatus").asInt()).isEqualTo(409);
        assertThat(admin("/admin/applications/A-NONE/status", "{\"status\":\"VOID\"}").path("code").asText()).isEqualTo("UNKNOWN_APPLICATION");
        assertThat(admin("/admin/applications/A-DEFECT-1/status", "{\"status\":\"LOST\"}").path("code").asText()).isEqualTo("BAD_STATUS");

        List<String> seen = new ArrayList<>();
        for (JsonNode e : feed()) {
            if ("A-DEFECT-1".equals(e.path("applicationId").asText())) {
                seen.add(e.path("type").asText() + " " + e.path("status").asText() + " " + e.path("reason").asText("-") + " v"
                        + e.path("version").asLong());
            }
        }
        assertThat(seen).containsExactly("APPLICATION_RECEIVED RECEIVED - v2", "APPLICATION_DEFECT DEFECT_RETURNED PHOTO v3",
                "APPLICATION_RECEIVED RECEIVED - v4", "APPLICATION_STATUS_CHANGED ISSUED - v5");
    }
}

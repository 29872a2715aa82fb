package jp.madoguchi.sim.central;

import static jp.madoguchi.sim.central.CentralTestServer.audit;
import static jp.madoguchi.sim.central.CentralTestServer.batch;
import static jp.madoguchi.sim.central.CentralTestServer.op;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.madoguchi.sim.central.CentralTestServer.Answer;
import jp.madoguchi.sim.central.domain.CentralRecords;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/operations over real HTTPS + mTLS against a real SQLite store (sync-protocol "Settled details"). */
class OperationIngestTest {

    @TempDir
    static Path dir;
    static CentralTestServer central;
    static HttpClient t01;
    static List<CardFactory.Made> cards;

    @BeforeAll
    static void start() throws Exception {
        central = new CentralTestServer(dir, Clock.systemUTC());
        t01 = CentralTestServer.client(central.enrol("131016", "MUNICIPAL", "T01"));
        cards = new CardFactory(central.system, 7).make("131016", 2, 0, dir.resolve("cards"));
    }

    @AfterAll
    static void stop() throws Exception {
        central.close();
    }

    private static HttpClient terminal(String id) throws Exception {
        return CentralTestServer.client(central.enrol("131016", "MUNICIPAL", id));
    }

    private static long count(String sql, Object... args) throws Exception {
        return central.system.database().read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void replaying_a_batch_100_times_applies_each_op_once_and_repeats_the_first_answer() throws Exception {
        HttpClient client = terminal("R01");
        List<ObjectNode> ops = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            ops.add(op(UUID.randomUUID().toString(), i, "AUDIT_HEAD", audit("h" + i)));
        }
        ops.add(op(UUID.randomUUID().toString(), 51, "NO_SUCH_TYPE", audit("x")));
        ObjectNode batch = batch("R01", ops.toArray(ObjectNode[]::new));
        Answer first = central.post(client, "/v1/operations", batch);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("ackedSeq").asLong()).isEqualTo(51);
        assertThat(first.body().get("results").get(0).get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(first.body().get("results").get(50).get("outcome").asText()).isEqualTo("REJECTED");
        for (int i = 0; i < 100; i++) {
            Answer again = central.post(client, "/v1/operations", batch);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body().get("ackedSeq").asLong()).isEqualTo(51);
            JsonNode r = again.body().get("results");
            assertThat(r).hasSize(51);
            assertThat(r.get(3).get("outcome").asText()).isEqualTo("DUPLICATE");
            assertThat(r.get(3).get("originalOutcome").asText()).isEqualTo("APPLIED");
            assertThat(r.get(3).get("opId").asText()).isEqualTo(ops.get(3).get("opId").asText());
            assertThat(r.get(50).get("originalOutcome").asText()).isEqualTo("REJECTED");
            assertThat(r.get(50).get("reason").asText()).isEqualTo("UNKNOWN_TYPE");
        }
        assertThat(count("SELECT COUNT(*) FROM operation WHERE terminal_id = 'R01'")).isEqualTo(51);
    }

    @Test
    void key_order_whitespace_and_unknown_fields_do_not_change_the_body_but_the_payload_does() throws Exception {
        HttpClient client = terminal("B01");
        String opId = UUID.randomUUID().toString();
        Answer first = central.post(client, "/v1/operations", batch("B01", op(opId, 1, "AUDIT_HEAD", audit("aa"))));
        assertThat(first.status()).isEqualTo(200);
        String reordered = "{ \"operations\": [ { \"payload\": {\"count\": 1.0, \"hash\": \"aa\"}, \"type\": \"AUDIT_HEAD\","
                + " \"seq\": 1, \"extra\": 9, \"clerkId\": \"C001\", \"occurredAt\": \"2026-11-25T01:02:03Z\", \"opId\": \"" + opId + "\" } ],"
                + " \"terminalId\": \"B01\", \"future\": true }";
        Answer same = CentralTestServer.send(client, HttpRequest.newBuilder(URI.create(central.url("/v1/operations")))
                .POST(HttpRequest.BodyPublishers.ofString(reordered)).build());
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.body().get("results").get(0).get("outcome").asText()).isEqualTo("DUPLICATE");
        Answer changed = central.post(client, "/v1/operations", batch("B01", op(opId, 1, "AUDIT_HEAD", audit("bb"))));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.body().get("code").asText()).isEqualTo("OP_ID_REUSED");
        assertThat(changed.body().get("requestId").asText()).isNotEmpty();
    }

    @Test
    void an_op_twice_in_one_batch_repeats_its_first_answer_and_any_opid_comes_back_exactly() throws Exception {
        HttpClient client = terminal("W01");
        // The 200 answer is written as text by hand: an opId needing every kind of escape must survive it.
        String odd = "q\"b\\t\tn\nc\u0001é𠮷 " + UUID.randomUUID();
        ObjectNode pinReset = Json.object().put("cardSerial", "999999999999999").put("reason", "FORGOTTEN").put("triesLeftBefore", 0)
                .put("visitorType", "HOLDER");
        pinReset.putArray("pinTypes").add("AUTH");
        pinReset.putArray("idMethod").add("ID_A");
        ObjectNode unknownCard = op(UUID.randomUUID().toString(), 2, "PIN_RESET", pinReset);
        ObjectNode first = op(odd, 1, "AUDIT_HEAD", audit("w1"));
        Answer a = central.post(client, "/v1/operations", batch("W01", first, unknownCard, first.deepCopy(), unknownCard.deepCopy()));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("ackedSeq").asLong()).isEqualTo(2);
        JsonNode r = a.body().get("results");
        assertThat(r).hasSize(4);
        assertThat(r.get(0).get("opId").asText()).isEqualTo(odd);
        assertThat(r.get(0).get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(r.get(1).get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(r.get(1).get("reason").asText()).isEqualTo("UNKNOWN_CARD");
        assertThat(r.get(2).get("opId").asText()).isEqualTo(odd);
        assertThat(r.get(2).get("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(r.get(2).get("originalOutcome").asText()).isEqualTo("APPLIED");
        assertThat(r.get(3).get("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(r.get(3).get("originalOutcome").asText()).isEqualTo("REJECTED");
        assertThat(r.get(3).get("reason").asText()).isEqualTo("UNKNOWN_CARD");
        assertThat(count("SELECT COUNT(*) FROM operation WHERE terminal_id = 'W01'")).isEqualTo(2);
        Answer twiceDifferent = central.post(client, "/v1/operations", batch("W01",
                op("same-" + odd, 3, "AUDIT_HEAD", audit("x")), op("same-" + odd, 3, "AUDIT_HEAD", audit("y"))));
        assertThat(twiceDifferent.status()).isEqualTo(422);
        assertThat(twiceDifferent.body().get("code").asText()).isEqualTo("OP_ID_REUSED");
        assertThat(count("SELECT COUNT(*) FROM operation WHERE terminal_id = 'W01'")).isEqualTo(2);
    }

    @Test
    void a_gap_is_409_with_expected_seq_and_applies_nothing() throws Exception {
        HttpClient client = terminal("G01");
        assertThat(central.post(client, "/v1/operations", batch("G01", op(UUID.randomUUID().toString(), 1, "AUDIT_HEAD", audit("1"))))
                .status()).isEqualTo(200);
        Answer gap = central.post(client, "/v1/operations", batch("G01",
                op(UUID.randomUUID().toString(), 2, "AUDIT_HEAD", audit("2")), op(UUID.randomUUID().toString(), 4, "AUDIT_HEAD", audit("4"))));
        assertThat(gap.status()).isEqualTo(409);
        assertThat(gap.body().get("code").asText()).isEqualTo("SEQ_GAP");
        assertThat(gap.body().get("expectedSeq").asLong()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM operation WHERE terminal_id = 'G01'")).isEqualTo(1);
        Answer reused = central.post(client, "/v1/operations", batch("G01", op(UUID.randomUUID().toString(), 1, "AUDIT_HEAD", audit("1"))));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body().get("code").asText()).isEqualTo("SEQ_REUSED");
        assertThat(reused.body().get("expectedSeq").asLong()).isEqualTo(2);
    }

    @Test
    void malformed_envelopes_are_400_and_a_foreign_terminal_id_is_403() throws Exception {
        assertThat(central.post(t01, "/v1/operations", Json.object().put("terminalId", "T01")).status()).isEqualTo(400);
        ObjectNode noSeq = op(UUID.randomUUID().toString(), 1, "AUDIT_HEAD", audit("a"));
        noSeq.remove("seq");
        Answer a = central.post(t01, "/v1/operations", batch("T01", noSeq));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().get("code").asText()).isEqualTo("MISSING_FIELD");
        Answer notJson = CentralTestServer.send(t01, HttpRequest.newBuilder(URI.create(central.url("/v1/operations")))
                .header("X-Request-Id", "req-42").POST(HttpRequest.BodyPublishers.ofString("{oops")).build());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("requestId").asText()).isEqualTo("req-42");
        assertThat(notJson.raw().headers().firstValue("X-Request-Id")).contains("req-42");
        Answer other = central.post(t01, "/v1/operations", batch("T99", op(UUID.randomUUID().toString(), 1, "AUDIT_HEAD", audit("a"))));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body().get("code").asText()).isEqualTo("CERT_MISMATCH");
    }

    @Test
    void every_malformed_operation_is_400_missing_field_wherever_it_stands_and_nothing_is_applied() throws Exception {
        HttpClient client = terminal("M01");
        List<java.util.function.Consumer<ObjectNode>> breaks = List.of(
                op -> op.put("seq", "2"), op -> op.put("seq", 0), op -> op.put("seq", 2.5), op -> op.putNull("seq"),
                op -> op.put("opId", ""), op -> op.put("opId", 7), op -> op.putNull("type"), op -> op.remove("occurredAt"),
                op -> op.remove("opId"), op -> op.remove("type"));
        for (java.util.function.Consumer<ObjectNode> broken : breaks) {
            ObjectNode bad = op(UUID.randomUUID().toString(), 2, "AUDIT_HEAD", audit("b"));
            broken.accept(bad);
            Answer a = central.post(client, "/v1/operations", batch("M01", op(UUID.randomUUID().toString(), 1, "AUDIT_HEAD", audit("a")), bad));
            assertThat(a.status()).as(bad.toString()).isEqualTo(400);
            assertThat(a.body().get("code").asText()).isEqualTo("MISSING_FIELD");
        }
        ObjectNode notAnObject = batch("M01", op(UUID.randomUUID().toString(), 1, "AUDIT_HEAD", audit("a")));
        ((com.fasterxml.jackson.databind.node.ArrayNode) notAnObject.get("operations")).add("op");
        assertThat(central.post(client, "/v1/operations", notAnObject).status()).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM operation WHERE terminal_id = 'M01'")).isZero();
        Answer good = central.post(client, "/v1/operations", batch("M01", op(UUID.randomUUID().toString(), 1, "AUDIT_HEAD", audit("a"))));
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.body().get("ackedSeq").asLong()).isEqualTo(1);
    }

    @Test
    void an_application_id_central_already_holds_is_refused_and_changes_neither_the_row_nor_the_feed() throws Exception {
        HttpClient client = terminal("X01");
        String id = applicationOf(cards.get(1).cardSerial());
        String sameRow = "SELECT count(*) FROM application WHERE application_id = ? AND status = ? AND version = ?";
        CentralRecords.Application before = central.system.database().read(c -> CentralRecords.application(c, id));
        long events = count("SELECT count(*) FROM feed_event WHERE body LIKE ?", "%\"" + id + "\"%");
        ObjectNode payload = Json.object().put("applicationId", id).put("kind", "DOMESTIC").put("express", false)
                .put("visitorType", "HOLDER");
        payload.putObject("resident").put("name", "試験 花子");
        payload.putArray("idMethod").add("ID_A");

        Answer a = central.post(client, "/v1/operations", batch("X01", op(UUID.randomUUID().toString(), 1, "APPLICATION_SUBMITTED", payload)));

        assertThat(a.body().get("results").get(0).get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(a.body().get("results").get(0).get("reason").asText()).isEqualTo("APPLICATION_EXISTS");
        assertThat(count(sameRow, id, before.status(), before.version())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM feed_event WHERE body LIKE ?", "%\"" + id + "\"%")).isEqualTo(events);
    }

    @Test
    void twenty_concurrent_terminals_keep_their_own_order() throws Exception {
        int terminals = 20;
        int batches = 8;
        int perBatch = 25;
        List<HttpClient> clients = new ArrayList<>();
        for (int t = 0; t < terminals; t++) {
            clients.add(terminal(String.format("C%02d", t)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(terminals);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < terminals; t++) {
                int term = t;
                done.add(pool.submit(() -> {
                    String id = String.format("C%02d", term);
                    long acked = 0;
                    for (int b = 0; b < batches; b++) {
                        List<ObjectNode> ops = new ArrayList<>();
                        for (int i = 1; i <= perBatch; i++) {
                            ops.add(op(UUID.randomUUID().toString(), (long) b * perBatch + i, "AUDIT_HEAD", audit(id + "-" + b + "-" + i)));
                        }
                        Answer a = central.post(clients.get(term), "/v1/operations", batch(id, ops.toArray(ObjectNode[]::new)));
                        assertThat(a.status()).isEqualTo(200);
                        acked = a.body().get("ackedSeq").asLong();
                    }
                    return acked;
                }));
            }
            for (Future<Long> f : done) {
                assertThat(f.get()).isEqualTo((long) batches * perBatch);
            }
        } finally {
            pool.shutdown();
        }
        for (int t = 0; t < terminals; t++) {
            String id = String.format("C%02d", t);
            List<Long> seqs = central.system.database().read(c -> {
                List<Long> l = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT seq FROM operation WHERE terminal_id = ? ORDER BY rowid")) {
                    s.setString(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            l.add(rs.getLong(1));
                        }
                    }
                }
                return l;
            });
            assertThat(seqs).hasSize(batches * perBatch);
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("terminal %s, position %d", id, i).isEqualTo(i + 1L);
            }
        }
    }

    private static ObjectNode delivery(String cardSerial, String applicationId) {
        ObjectNode p = Json.object().put("cardSerial", cardSerial).put("applicationId", applicationId)
                .put("deliveredAt", "2026-11-25T01:00:00Z").put("visitorType", "HOLDER").put("cardType", "PIN");
        p.putArray("idMethod").add("ID_A");
        p.putArray("pinTypesSet").add("AUTH").add("SIGN").add("CARD_TEXT").add("JUKI");
        return p;
    }

    private static String applicationOf(String cardSerial) throws Exception {
        return central.system.database().read(c -> jp.madoguchi.sim.central.domain.CentralRecords.card(c, cardSerial).applicationId());
    }

    @Test
    void delivery_activates_the_card_and_releases_held_certificates_or_opens_a_case_when_central_moved() throws Exception {
        HttpClient client = terminal("D01");
        String good = cards.get(0).cardSerial();
        String suspended = cards.get(1).cardSerial();
        assertThat(central.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                URI.create(central.adminUrl("/admin/cards/" + suspended + "/suspend"))).POST(HttpRequest.BodyPublishers.noBody()).build())
                .status()).isEqualTo(200);
        String conflictOp = UUID.randomUUID().toString();
        Answer a = central.post(client, "/v1/operations", batch("D01",
                op(UUID.randomUUID().toString(), 1, "DELIVERY_COMPLETED", delivery(good, applicationOf(good))),
                op(conflictOp, 2, "DELIVERY_COMPLETED", delivery(suspended, applicationOf(suspended))),
                op(UUID.randomUUID().toString(), 3, "PIN_RESET", null),
                op(UUID.randomUUID().toString(), 4, "DELIVERY_COMPLETED", delivery("999999999999999", "A1"))));
        assertThat(a.status()).isEqualTo(200);
        JsonNode r = a.body().get("results");
        assertThat(r.get(0).get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(r.get(0).get("cardStatusVersion").asLong()).isEqualTo(2);
        assertThat(r.get(1).get("outcome").asText()).isEqualTo("APPLIED_WITH_CONFLICT");
        assertThat(r.get(1).get("reason").asText()).isEqualTo("CARD_SUSPENDED");
        String caseId = r.get(1).get("caseId").asText();
        assertThat(r.get(2).get("reason").asText()).isEqualTo("MISSING_FIELD");
        assertThat(r.get(3).get("reason").asText()).isEqualTo("UNKNOWN_CARD");
        assertThat(a.body().get("ackedSeq").asLong()).isEqualTo(4);

        JsonNode feed = central.get(client, "/v1/offices/131016/feed?limit=1000").body().get("events");
        boolean active = false;
        int valid = 0;
        for (JsonNode e : feed) {
            if (good.equals(e.path("cardSerial").asText())) {
                active |= "CARD_STATUS_CHANGED".equals(e.get("type").asText()) && "ACTIVE".equals(e.get("status").asText());
                valid += "CERT_STATUS_CHANGED".equals(e.get("type").asText()) && "VALID".equals(e.get("status").asText()) ? 1 : 0;
            }
        }
        assertThat(active).isTrue();
        assertThat(valid).isEqualTo(2);

        JsonNode cases = central.get(client, "/v1/offices/131016/cases").body().get("cases");
        JsonNode theCase = null;
        for (JsonNode k : cases) {
            if (k.get("caseId").asText().equals(caseId)) {
                theCase = k;
            }
        }
        assertThat(theCase).isNotNull();
        assertThat(theCase.get("opId").asText()).isEqualTo(conflictOp);
        assertThat(theCase.get("status").asText()).isEqualTo("OPEN");
        assertThat(central.post(client, "/v1/offices/131016/cases/" + caseId + "/notes",
                Json.object().put("staffId", "S01").put("text", "called the holder")).status()).isEqualTo(200);
        assertThat(central.post(client, "/v1/offices/131016/cases/" + caseId + "/close",
                Json.object().put("supervisorId", "S01").put("resolution", "holder will come")).status()).isEqualTo(200);
        for (JsonNode k : central.get(client, "/v1/offices/131016/cases").body().get("cases")) {
            if (k.get("caseId").asText().equals(caseId)) {
                assertThat(k.get("status").asText()).isEqualTo("CLOSED");
            }
        }
    }

    @Test
    void a_post_office_may_not_deliver_and_the_op_still_consumes_its_seq() throws Exception {
        HttpClient post = CentralTestServer.client(central.enrol("131017", "POST_OFFICE", "P01"));
        Answer a = central.post(post, "/v1/operations", batch("P01",
                op(UUID.randomUUID().toString(), 1, "DELIVERY_COMPLETED", delivery("999999999999999", "A1"))));
        assertThat(a.body().get("results").get(0).get("reason").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(a.body().get("ackedSeq").asLong()).isEqualTo(1);
    }

    @Test
    void a_submitted_application_is_received_at_once_and_its_id_cannot_be_submitted_again() throws Exception {
        HttpClient t05 = terminal("T05");
        ObjectNode payload = Json.object().put("applicationId", "A-SUBMIT-1").put("kind", "DOMESTIC").put("express", false)
                .put("visitorType", "HOLDER");
        payload.putObject("resident").put("name", "試験 花子").put("birthDate", "1990-02-03");
        payload.putArray("idMethod").add("ID_A");

        Answer a = central.post(t05, "/v1/operations", batch("T05", op(UUID.randomUUID().toString(), 1, "APPLICATION_SUBMITTED", payload),
                op(UUID.randomUUID().toString(), 2, "APPLICATION_SUBMITTED", payload)));

        assertThat(a.body().get("results").get(0).get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(a.body().get("results").get(1).get("reason").asText()).isEqualTo("APPLICATION_EXISTS");
        assertThat(count("SELECT count(*) FROM application WHERE application_id = ? AND status = 'RECEIVED' AND version = 2",
                "A-SUBMIT-1")).isEqualTo(1);
        List<JsonNode> received = new ArrayList<>();
        JsonNode page = central.get(t05, "/v1/offices/131016/feed?limit=1000").body();
        while (true) {
            for (JsonNode e : page.get("events")) {
                if ("A-SUBMIT-1".equals(e.path("applicationId").asText())) {
                    received.add(e);
                }
            }
            if (!page.get("more").asBoolean()) {
                break;
            }
            page = central.get(t05, "/v1/offices/131016/feed?limit=1000&after=" + page.get("checkpoint").asText()).body();
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0).get("type").asText()).isEqualTo("APPLICATION_RECEIVED");
        assertThat(received.get(0).get("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.get(0).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void feed_pages_with_checkpoints_and_refuses_foreign_ones() throws Exception {
        JsonNode first = central.get(t01, "/v1/offices/131016/feed?limit=2").body();
        assertThat(first.get("events")).hasSize(2);
        assertThat(first.get("more").asBoolean()).isTrue();
        String cp = first.get("checkpoint").asText();
        JsonNode second = central.get(t01, "/v1/offices/131016/feed?limit=2&after=" + cp).body();
        assertThat(second.get("events").get(0).get("eventId").asLong()).isGreaterThan(first.get("events").get(1).get("eventId").asLong());
        assertThat(central.get(t01, "/v1/offices/131016/feed?limit=2&after=" + cp).body()).isEqualTo(second);
        Answer bad = central.get(t01, "/v1/offices/131016/feed?after=bm9wZTo1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("code").asText()).isEqualTo("BAD_CHECKPOINT");
        assertThat(central.get(t01, "/v1/offices/131016/feed?limit=0").body().get("code").asText()).isEqualTo("BAD_LIMIT");
        assertThat(central.get(t01, "/v1/offices/131016/feed?limit=5000").body().get("events").size()).isLessThanOrEqualTo(1000);
        assertThat(central.get(t01, "/v1/offices/999999/feed").status()).isEqualTo(403);
    }

    @Test
    void a_restart_loses_nothing() throws Exception {
        HttpClient client = terminal("S01");
        String opId = UUID.randomUUID().toString();
        assertThat(central.post(client, "/v1/operations", batch("S01", op(opId, 1, "AUDIT_HEAD", audit("r")))).status()).isEqualTo(200);
        central.restart();
        t01 = CentralTestServer.client(dir.resolve("enrol-131016-T01"));
        Answer again = central.post(client, "/v1/operations", batch("S01", op(opId, 1, "AUDIT_HEAD", audit("r"))));
        assertThat(again.body().get("results").get(0).get("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(again.body().get("ackedSeq").asLong()).isEqualTo(1);
    }

    private static int adminPost(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(central.adminUrl(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static List<JsonNode> eventsFor(String cardSerial) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : central.get(t01, "/v1/offices/131016/feed?limit=1000").body().get("events")) {
            if (cardSerial.equals(e.path("cardSerial").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void suspension_lift_returns_auth_and_revokes_sign_and_a_loss_report_revokes_the_card() throws Exception {
        String serial = "100000000000201";
        central.system.database().write(c -> {
            CentralRecords.insertCard(c, new CentralRecords.Card(serial, "131016", null, "ACTIVE", null, 3, "1980-02-29", "2030-02-28",
                    "2020-03-01", false, false, false, false, Json.write(Json.object().put("name", "試験　四郎"))));
            for (String kind : List.of("AUTH", "SIGN")) {
                CentralRecords.insertCert(c, "131016", new CentralRecords.Cert("ABC" + kind, serial, kind, "VALID", null, 2,
                        Instant.parse("2030-02-28T14:59:59Z").toEpochMilli()), new byte[] {0}, true);
            }
            return null;
        });
        assertThat(adminPost("/admin/cards/" + serial + "/suspend", "")).isEqualTo(200);
        HttpClient client = terminal("L01");
        ObjectNode visit = Json.object().put("cardSerial", serial).put("visitorType", "HOLDER");
        visit.putArray("idMethod").add("ID_A");
        ObjectNode loss = Json.object().put("cardSerial", serial).put("lostOn", "2026-11-20").put("place", "駅")
                .put("reissueRequested", true);
        Answer a = central.post(client, "/v1/operations", batch("L01",
                op(UUID.randomUUID().toString(), 1, "SUSPENSION_LIFTED", visit),
                op(UUID.randomUUID().toString(), 2, "SUSPENSION_LIFTED", visit),
                op(UUID.randomUUID().toString(), 3, "LOSS_REPORTED", loss)));
        JsonNode r = a.body().get("results");
        assertThat(r.get(0).get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(r.get(0).get("cardStatusVersion").asLong()).isEqualTo(5);
        assertThat(r.get(1).get("reason").asText()).isEqualTo("CARD_NOT_SUSPENDED");
        assertThat(r.get(2).get("outcome").asText()).isEqualTo("APPLIED");
        List<String> trail = new ArrayList<>();
        for (JsonNode e : eventsFor(serial)) {
            trail.add(e.get("type").asText().replace("_STATUS_CHANGED", "") + ":" + e.path("kind").asText("-") + ":"
                    + e.get("status").asText() + ":" + e.path("reason").asText("-") + ":" + e.get("version").asLong());
        }
        assertThat(trail).containsExactly(
                "CERT:AUTH:VALID:-:2", "CERT:SIGN:VALID:-:2",
                "CARD:-:SUSPENDED:LOSS_CALL:4", "CERT:AUTH:ON_HOLD:CARD_SUSPENDED:3", "CERT:SIGN:ON_HOLD:CARD_SUSPENDED:3",
                "CARD:-:ACTIVE:-:5", "CERT:AUTH:VALID:-:4", "CERT:SIGN:REVOKED:SUSPENSION:4",
                "CARD:-:REVOKED:LOST:6", "CERT:AUTH:REVOKED:CARD_REVOKED:5");
    }

    @Test
    void expiry_notices_and_office_configuration_reach_the_feed() throws Exception {
        String serial = cards.get(0).cardSerial();
        assertThat(adminPost("/admin/cards/" + serial + "/expiry-notice", "")).isEqualTo(200);
        assertThat(adminPost("/admin/offices/131016/config", "{\"capabilities\":[\"pinReset\"],\"maintenanceDays\":[{\"date\":\"2026-12-20\"}]}"))
                .isEqualTo(200);
        JsonNode notice = null;
        JsonNode config = null;
        for (JsonNode e : central.get(t01, "/v1/offices/131016/feed?limit=1000").body().get("events")) {
            if ("EXPIRY_NOTICE_SENT".equals(e.get("type").asText()) && serial.equals(e.get("cardSerial").asText())) {
                notice = e;
            }
            if ("OFFICE_CONFIG_CHANGED".equals(e.get("type").asText())) {
                config = e;
            }
        }
        assertThat(notice).isNotNull();
        assertThat(notice.get("items").get(0).get("item").asText()).isEqualTo("CARD");
        assertThat(notice.get("resident").get("name").asText()).isEqualTo(cards.get(0).resident().name());
        assertThat(config.get("capabilities").get(0).asText()).isEqualTo("pinReset");
        assertThat(config.get("maintenanceDays").get(0).get("date").asText()).isEqualTo("2026-12-20");
    }
}

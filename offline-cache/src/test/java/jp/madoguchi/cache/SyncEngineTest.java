package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.madoguchi.cache.protocol.CentralCase;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.sim.central.domain.CentralEvents;
import jp.madoguchi.sim.central.factory.CardFactory;
import jp.madoguchi.sim.central.faults.FaultSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync engine against the reference central system over real HTTPS + mutual TLS. */
class SyncEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    CentralFixture central;
    Workstation ws;
    List<String> cards;

    @BeforeEach
    void start() throws Exception {
        central = new CentralFixture(dir);
        cards = new CardFactory(central.system, 7).make(CentralFixture.OFFICE, 2, 0, dir.resolve("profiles")).stream()
                .map(CardFactory.Made::cardSerial).toList();
    }

    @AfterEach
    void stop() throws Exception {
        if (ws != null) {
            ws.close();
        }
        central.close();
    }

    private CounterAct delivery(String serial, CachedCard cached) {
        CounterAct base = Fixtures.delivery(serial, 1);
        Map<String, Object> payload = new java.util.LinkedHashMap<>(base.payload());
        payload.put("applicationId", cached.applicationId());
        return new CounterAct(OperationType.DELIVERY_COMPLETED, "C001", null, serial, cached.version(), payload);
    }

    @Test
    void drainsEveryOutcomeAndPullsTheFeedIntoTheReadCache() throws Exception {
        ws = new Workstation(dir.resolve("ws"), central).start();
        List<SyncStatus> seen = new CopyOnWriteArrayList<>();
        ws.engine.addListener(seen::add);
        Workstation.await("the feed to bring the shipped cards", WAIT, () -> ws.cache.card(cards.get(0)).isPresent());
        CachedCard card = ws.cache.requireForOffline(cards.get(0), Duration.ofHours(72));
        assertThat(card.status()).isEqualTo("ISSUED");

        RecordedAct delivered = ws.store.record(delivery(cards.get(0), card));
        RecordedAct intake = ws.store.record(Fixtures.applicationWithPersonalData(1));
        Map<String, Object> unknownCard = Map.of("cardSerial", "999999999999999", "pinTypes", List.of("AUTH"), "reason", "FORGOTTEN",
                "triesLeftBefore", 0, "visitorType", "HOLDER", "idMethod", List.of("ID_A"));
        RecordedAct rejected = ws.store.record(new CounterAct(OperationType.PIN_RESET, "C001", null, "999999999999999", null, unknownCard));

        Workstation.await("the queue to drain, its AUDIT_HEAD included", WAIT, () -> drained(ws, central));
        Map<Long, OutboxEntry> bySeq = new java.util.HashMap<>();
        ws.store.entries(1, 100).forEach(e -> bySeq.put(e.seq(), e));
        assertThat(bySeq.get(delivered.seq()).state()).isEqualTo(LocalSyncState.ACKED);
        assertThat(bySeq.get(intake.seq()).state()).isEqualTo(LocalSyncState.ACKED);
        assertThat(bySeq.get(rejected.seq()).state()).isEqualTo(LocalSyncState.REJECTED);
        assertThat(bySeq.get(rejected.seq()).reason()).isEqualTo("UNKNOWN_CARD");
        assertThat(ws.store.openCases()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("REJECTED");
            assertThat(c.seq()).isEqualTo(rejected.seq());
        });

        // Central holds exactly our entries, including an AUDIT_HEAD equal to our chain's head.
        List<String[]> stored = central.operations();
        assertThat(stored).extracting(o -> o[1]).containsExactlyElementsOf(
                ws.store.entries(1, 100).stream().map(e -> e.opId().toString()).toList());
        String head = ws.store.verifyAudit().headHash();
        List<String[]> heads = stored.stream().filter(o -> o[2].equals("AUDIT_HEAD")).toList();
        assertThat(heads).isNotEmpty();
        assertThat(heads.get(heads.size() - 1)[4]).contains(head).contains("\"count\":3");
        assertThat(central.storedOperations()[0]).isEqualTo(central.storedOperations()[1]);

        // The delivery reaches the feed, and the read cache follows central's version of the card.
        Workstation.await("the delivered card to turn ACTIVE in the read cache", WAIT,
                () -> "ACTIVE".equals(ws.cache.card(cards.get(0)).map(CachedCard::status).orElse("")));
        assertThat(ws.cache.events(cards.get(0))).extracting(e -> e.path("type").asText()).contains("CARD_SHIPPED");
        SyncStatus status = ws.engine.status();
        assertThat(status.link()).isEqualTo(LinkState.ONLINE);
        assertThat(status.queueDepth()).isZero();
        assertThat(status.lastSuccess()).isNotNull();
        assertThat(status.cacheRefreshed()).isNotNull();
        assertThat(status.openCases()).isEqualTo(1);
        assertThat(seen).isNotEmpty();
        assertThat(ws.engine.awaitSettled(intake.seq(), Duration.ofSeconds(1)).state()).isEqualTo(LocalSyncState.ACKED);

        // The rejection's case is annotated (sealed at rest), then closed by the supervisor who resolved it.
        String caseId = ws.store.openCases().get(0).caseId();
        String note = "本人に電話で確認済み、カード番号の誤記";
        ws.store.annotateCase(caseId, "S001", note);
        assertThat(ws.store.openCases()).singleElement().satisfies(c -> {
            assertThat(c.note()).isEqualTo(note);
            assertThat(c.notedBy()).isEqualTo("S001");
        });
        for (String f : List.of("outbox.db", "outbox.db-wal")) {
            Path file = dir.resolve("ws").resolve(f);
            if (java.nio.file.Files.exists(file)) {
                assertThat(new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("the note is sealed in " + f)
                        .doesNotContain(new String(note.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        assertThatThrownBy(() -> ws.store.annotateCase("L-none", "S001", "x")).hasMessageContaining("MDG-CACHE-013");
        ws.store.closeCase(caseId, "S001");
        assertThat(ws.store.openCases()).isEmpty();
        assertThat(ws.engine.status().openCases()).isZero();

        // The read cache lists this office's cards by central status (the awaiting-delivery list).
        assertThat(ws.cache.cards("ISSUED")).extracting(CachedCard::cardSerial).containsExactly(cards.get(1));
        assertThat(ws.cache.cards("ACTIVE")).extracting(CachedCard::cardSerial).containsExactly(cards.get(0));

        // The application taken at the counter is received by J-LIS, then returned for a defect in its photo:
        // the read cache keeps each application's latest central status, reason and version.
        Workstation.await("the intake to be RECEIVED in the read cache", WAIT,
                () -> "RECEIVED".equals(ws.cache.application("APP-P-1").map(CachedApplication::status).orElse("")));
        assertThat(new CentralEvents(central.system.database(), central.system.clock())
                .moveApplication("APP-P-1", "DEFECT_RETURNED", "PHOTO").status()).isEqualTo(200);
        ws.engine.wake();
        Workstation.await("the defect to reach the read cache", WAIT,
                () -> "DEFECT_RETURNED".equals(ws.cache.application("APP-P-1").map(CachedApplication::status).orElse("")));
        assertThat(ws.cache.application("APP-P-1")).get().satisfies(a -> {
            assertThat(a.reason()).isEqualTo("PHOTO");
            assertThat(a.version()).isEqualTo(3);
        });
        assertThat(ws.cache.applications("DEFECT_RETURNED")).extracting(CachedApplication::applicationId).containsExactly("APP-P-1");
        assertThat(ws.cache.applications("RECEIVED")).isEmpty();
    }

    @Test
    void aCardSuspendedCentrallyWhileDeliveredOfflineBecomesAVisibleConflict() throws Exception {
        ws = new Workstation(dir.resolve("ws"), central).start();
        Workstation.await("the shipped card in the read cache", WAIT, () -> ws.cache.card(cards.get(1)).isPresent());
        central.faults(FaultSettings.NONE.with(CacheStore.JSON.readTree("{\"partition\": true}")));
        Workstation.await("the link to go OFFLINE", WAIT, () -> ws.engine.link() == LinkState.OFFLINE);
        assertThatThrownBy(ws.engine::requireOnline).isInstanceOf(MadoguchiException.class).hasMessageContaining("MDG-SYNC-001");

        // Offline: the counter delivers from the read cache (PR-24) ...
        CachedCard cached = ws.cache.requireForOffline(cards.get(1), Duration.ofHours(72));
        RecordedAct delivered = ws.store.record(delivery(cards.get(1), cached));
        // ... while the holder's loss call suspends the card centrally.
        assertThat(new CentralEvents(central.system.database(), central.system.clock()).suspend(cards.get(1)).status()).isEqualTo(200);
        Thread.sleep(300);
        assertThat(ws.store.entries(delivered.seq(), 1).get(0).state().settled()).isFalse();

        central.faults(FaultSettings.NONE);
        Workstation.await("the delivery to be answered", WAIT, () -> ws.store.summary().depth() == 0);
        OutboxEntry entry = ws.store.entries(delivered.seq(), 1).get(0);
        assertThat(entry.state()).isEqualTo(LocalSyncState.CONFLICT);
        assertThat(entry.outcome()).isEqualTo("APPLIED_WITH_CONFLICT");
        assertThat(entry.reason()).isEqualTo("CARD_SUSPENDED");
        assertThat(entry.caseId()).isNotBlank();
        List<FollowUpCase> cases = ws.store.openCases();
        assertThat(cases).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("CONFLICT");
            assertThat(c.caseId()).isEqualTo(entry.caseId());
            assertThat(c.cardSerial()).isEqualTo(cards.get(1));
            assertThat(c.type()).isEqualTo("DELIVERY_COMPLETED");
        });
        List<CentralCase> centralCases = central.client(Duration.ofSeconds(5)).cases().cases();
        assertThat(centralCases).extracting(CentralCase::caseId).contains(entry.caseId());
        assertThat(ws.engine.status().openCases()).isEqualTo(1);

        // Staff resolve it while the link is down again, and the workstation restarts before the link heals:
        // the note and the close are durable and reach central afterwards (sync-protocol item 14).
        central.faults(FaultSettings.NONE.with(CacheStore.JSON.readTree("{\"partition\": true}")));
        Workstation.await("the link to go OFFLINE", WAIT, () -> ws.engine.link() == LinkState.OFFLINE);
        String note = "本人来庁、一時停止の経緯を確認";
        ws.store.annotateCase(entry.caseId(), "C001", note);
        ws.store.closeCase(entry.caseId(), "S001");
        assertThat(ws.store.openCases()).isEmpty();
        assertThat(centralCase(entry.caseId()).path("status").asText()).isEqualTo("OPEN");
        ws.close();
        ws = new Workstation(dir.resolve("ws"), central);
        assertThat(ws.store.pendingCaseActions()).extracting(CaseAction::action).containsExactly("NOTE", "CLOSE");
        ws.start();
        central.faults(FaultSettings.NONE);
        Workstation.await("central to list the case CLOSED", WAIT, () -> ws.store.pendingCaseActions().isEmpty());
        CentralCase closed = central.client(Duration.ofSeconds(5)).cases().cases().stream()
                .filter(c -> c.caseId().equals(entry.caseId())).findFirst().orElseThrow();
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.closedBy()).isEqualTo("S001");
        assertThat(closed.resolution()).isEqualTo(note);
        assertThat(centralNotes(entry.caseId())).containsExactly("C001:" + note);

        // A local case (a rejection central never saw) is closed here only: nothing is queued for central.
        RecordedAct unknown = ws.store.record(new CounterAct(OperationType.PIN_RESET, "C001", null, "999999999999999", null,
                Map.of("cardSerial", "999999999999999", "pinTypes", List.of("AUTH"), "reason", "FORGOTTEN", "triesLeftBefore", 0,
                        "visitorType", "HOLDER", "idMethod", List.of("ID_A"))));
        Workstation.await("the rejection's case", WAIT, () -> !ws.store.openCases().isEmpty());
        assertThat(ws.store.openCases()).singleElement().satisfies(c -> assertThat(c.seq()).isEqualTo(unknown.seq()));
        ws.store.annotateCase(ws.store.openCases().get(0).caseId(), "S001", "誤記");
        ws.store.closeCase(ws.store.openCases().get(0).caseId(), "S001");
        assertThat(ws.store.pendingCaseActions()).isEmpty();
    }

    @Test
    void aNoteAndACloseCentralRefusesBecomeVisibleCasesThatKeepTheirText() throws Exception {
        ws = new Workstation(dir.resolve("ws"), central).start();
        Workstation.await("the shipped card in the read cache", WAIT, () -> ws.cache.card(cards.get(1)).isPresent());
        CachedCard cached = ws.cache.requireForOffline(cards.get(1), Duration.ofHours(72));
        // Central suspends the card before the delivery reaches it: a real conflict, with central's case id.
        assertThat(new CentralEvents(central.system.database(), central.system.clock()).suspend(cards.get(1)).status()).isEqualTo(200);
        RecordedAct delivered = ws.store.record(delivery(cards.get(1), cached));
        Workstation.await("the delivery to be answered", WAIT, () -> ws.store.entries(delivered.seq(), 1).get(0).state().settled());
        String caseId = ws.store.entries(delivered.seq(), 1).get(0).caseId();
        assertThat(ws.store.openCases()).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo("CONFLICT"));
        // Central loses the case (say, restored from a backup taken before it was opened): it now answers 404 UNKNOWN_CASE.
        int deleted = central.system.database().write(c -> {
            try (java.sql.PreparedStatement d = c.prepareStatement("DELETE FROM follow_up_case WHERE case_id = ?")) {
                d.setString(1, caseId);
                return d.executeUpdate();
            }
        });
        assertThat(deleted).isEqualTo(1);

        String note = "本人に確認、停止は誤登録とのこと";
        String resolution = "中央の担当者と協議のうえ交付済みとする";
        ws.store.annotateCase(caseId, "C001", note);
        ws.store.closeCase(caseId, "S001", resolution);
        Workstation.await("central to answer the note and the close", WAIT, () -> ws.store.pendingCaseActions().isEmpty());

        // Both refusals are open cases of their own, coded, naming central's case and the act, with the refused text.
        List<FollowUpCase> refused = ws.store.openCases();
        assertThat(refused).hasSize(2).allSatisfy(c -> {
            assertThat(c.kind()).isEqualTo("CASE_ACTION_REFUSED");
            assertThat(c.caseId()).startsWith("L-");
            assertThat(c.seq()).isEqualTo(delivered.seq());
            assertThat(c.opId()).isEqualTo(delivered.opId().toString());
            assertThat(c.cardSerial()).isEqualTo(cards.get(1));
            assertThat(c.reason()).startsWith("MDG-CACHE-014").contains(caseId).endsWith("404 UNKNOWN_CASE");
        });
        assertThat(refused).extracting(c -> c.reason().split(" ")[1] + "|" + c.note() + "|" + c.notedBy())
                .containsExactlyInAnyOrder("NOTE|" + note + "|C001", "CLOSE|" + resolution + "|S001");
        assertThat(ws.engine.status().openCases()).isEqualTo(2);
        assertThat(ws.store.cases()).extracting(FollowUpCase::caseId).contains(caseId);
        // What central answered stays on the actions themselves.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ws").resolve("outbox.db"));
                java.sql.ResultSet rs = c.createStatement().executeQuery("select action, result from case_action order by id")) {
            List<String> answers = new ArrayList<>();
            while (rs.next()) {
                answers.add(rs.getString(1) + " " + rs.getString(2));
            }
            assertThat(answers).containsExactly("NOTE 404 UNKNOWN_CASE", "CLOSE 404 UNKNOWN_CASE");
        }

        // A supervisor closes them here: they are local, nothing more is sent to central.
        for (FollowUpCase c : refused) {
            ws.store.closeCase(c.caseId(), "S001");
        }
        assertThat(ws.store.openCases()).isEmpty();
        assertThat(ws.store.pendingCaseActions()).isEmpty();
    }

    private JsonNode centralCase(String caseId) throws Exception {
        for (JsonNode c : central.system.queries().cases(CentralFixture.OFFICE).body().path("cases")) {
            if (c.path("caseId").asText().equals(caseId)) {
                return c;
            }
        }
        throw new AssertionError("central has no case " + caseId);
    }

    private List<String> centralNotes(String caseId) throws Exception {
        return central.system.database().read(c -> {
            List<String> out = new ArrayList<>();
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT staff_id, text FROM case_note WHERE case_id = ? ORDER BY noted_at")) {
                s.setString(1, caseId);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + ":" + rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    @Test
    void aWorkstationRestoredFromABackupHaltsWithASupervisorCaseAndKeepsRecording() throws Exception {
        Path data = dir.resolve("ws");
        ws = new Workstation(data, central).start();
        for (int i = 0; i < 3; i++) {
            ws.store.record(Fixtures.applicationWithPersonalData(i));
        }
        Workstation.await("the first acts to drain", WAIT, () -> ws.store.summary().depth() == 0);
        ws.close();
        Path backup = dir.resolve("backup");
        java.nio.file.Files.createDirectories(backup);
        for (String f : List.of("outbox.db")) {
            java.nio.file.Files.copy(data.resolve(f), backup.resolve(f));
        }
        ws = new Workstation(data, central).start();
        for (int i = 3; i < 6; i++) {
            ws.store.record(Fixtures.applicationWithPersonalData(i));
        }
        Workstation.await("the later acts to drain", WAIT, () -> ws.store.summary().depth() == 0);
        ws.close();
        // The disk is replaced by last week's backup: its next seqs are already taken at central.
        java.nio.file.Files.copy(backup.resolve("outbox.db"), data.resolve("outbox.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ws = new Workstation(data, central).start();
        ws.store.record(Fixtures.applicationWithPersonalData(100));
        Workstation.await("the halt", WAIT, () -> ws.engine.status().halt() != null);
        assertThat(ws.engine.status().halt()).startsWith("MDG-CACHE-010");
        assertThat(ws.store.openCases()).anySatisfy(c -> assertThat(c.kind()).isEqualTo("SEQ_REUSED"));
        RecordedAct more = ws.store.record(Fixtures.applicationWithPersonalData(101));
        assertThat(more.seq()).isGreaterThan(4);
        assertThat(ws.store.summary().depth()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCentralRestoredFromAnOlderBackupIsSentWhatItForgot() throws Exception {
        ws = new Workstation(dir.resolve("ws"), central).start();
        for (int i = 0; i < 3; i++) {
            ws.store.record(Fixtures.applicationWithPersonalData(i));
        }
        Workstation.await("the first acts to drain", WAIT, () -> drained(ws, central));
        Path backup = dir.resolve("central-backup.db");
        central.backup(backup);
        long heldInBackup = central.storedOperations()[2];
        for (int i = 3; i < 6; i++) {
            ws.store.record(Fixtures.applicationWithPersonalData(i));
        }
        Workstation.await("the later acts to drain", WAIT, () -> drained(ws, central));
        central.restoreAndRestart(backup);
        assertThat(central.storedOperations()[2]).isEqualTo(heldInBackup);

        // The next act starts above what central now holds: 409 SEQ_GAP, and the engine resends from expectedSeq.
        ws.store.record(Fixtures.applicationWithPersonalData(6));
        Workstation.await("central to hold everything again", WAIT, () -> drained(ws, central));
        long[] stored = central.storedOperations();
        assertThat(stored[0]).isEqualTo(ws.store.summary().lastSeq());
        assertThat(stored[1]).isEqualTo(stored[0]);
        assertThat(ws.store.entries(1, 100)).allMatch(e -> e.state() == LocalSyncState.ACKED);
        assertThat(ws.engine.status().halt()).isNull();
    }

    @Test
    void anEntryCentralHoldsWithAnotherBodyIsNamedInACaseAndTheRestOfTheQueueDrains() throws Exception {
        Path data = dir.resolve("ws");
        ws = new Workstation(data, central).start();
        List<RecordedAct> acts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acts.add(ws.store.record(Fixtures.applicationWithPersonalData(i)));
        }
        Workstation.await("the first acts to drain", WAIT, () -> drained(ws, central));
        ws.close();
        // As if central's answers for seqs 2..4 had been lost, and seq 3 had changed since it was sent (a newer
        // program writing a field differently, a hand-repaired row): central holds seq 3's opId with another body.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("outbox.db"));
                java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE outbox SET state = 'PENDING', outcome = NULL, acked_at = NULL WHERE seq BETWEEN 2 AND 4");
            st.executeUpdate("UPDATE outbox SET clerk_id = 'C999' WHERE seq = 3");
        }
        ws = new Workstation(data, central).start();
        for (int i = 5; i < 8; i++) {
            acts.add(ws.store.record(Fixtures.applicationWithPersonalData(i)));
        }
        Workstation.await("the rest of the queue to drain", WAIT, () -> drained(ws, central));

        OutboxEntry refused = ws.store.entries(3, 1).get(0);
        assertThat(refused.state()).isEqualTo(LocalSyncState.REJECTED);
        assertThat(refused.reason()).isEqualTo("OP_ID_REUSED");
        assertThat(ws.store.openCases()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("OP_ID_REUSED");
            assertThat(c.seq()).isEqualTo(3);
            assertThat(c.opId()).isEqualTo(acts.get(2).opId().toString());
            assertThat(c.caseId()).isEqualTo(refused.caseId());
        });
        assertThat(ws.engine.status().halt()).isNull();
        assertThat(ws.store.entries(1, 100)).filteredOn(e -> e.seq() != 3).allMatch(e -> e.state() == LocalSyncState.ACKED);
        // Central holds every entry once, seq 3 with the body it first received; every act of ours is there.
        long[] stored = central.storedOperations();
        assertThat(stored[1]).isEqualTo(stored[0]).isEqualTo(ws.store.summary().lastSeq());
        List<String[]> held = central.operations();
        assertThat(held).extracting(o -> o[1]).containsAll(acts.stream().map(a -> a.opId().toString()).toList());
        assertThat(held.get(2)[4]).contains("\"clerkId\":\"C001\"");
    }

    /** Every local entry settled and central holding the last seq (the final AUDIT_HEAD comes after the acts). */
    static boolean drained(Workstation ws, CentralFixture central) {
        try {
            QueueSummary q = ws.store.summary();
            return q.depth() == 0 && central.storedOperations()[2] == q.lastSeq()
                    && ws.store.entries(q.lastSeq(), 1).get(0).type() == OperationType.AUDIT_HEAD;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String s) throws Exception {
        return CacheStore.JSON.readTree(s);
    }

    static List<Long> seqs(List<OutboxEntry> entries) {
        List<Long> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.seq()));
        return out;
    }
}

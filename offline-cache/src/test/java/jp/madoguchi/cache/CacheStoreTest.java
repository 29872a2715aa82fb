package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.madoguchi.common.MadoguchiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jp.madoguchi.common.testing.MutableClock;

class CacheStoreTest {

    @TempDir
    Path dir;

    private CacheStore open(MutableClock clock) {
        return CacheStore.open(StoreSettings.defaults(dir, "T01").withClock(clock), Fixtures.key(dir));
    }

    @Test
    void recordsActOutboxAndAuditRowsWithGapFreeSeqFromManyThreads() throws Exception {
        List<RecordedAct> receipts = new ArrayList<>();
        try (CacheStore store = open(new MutableClock(Instant.parse("2026-11-25T01:00:00Z")))) {
            ExecutorService pool = Executors.newFixedThreadPool(5);
            // Callers record on their own threads while the writer thread serves other work (reads and a
            // Hibernate write transaction) in between: one writer at a time, whichever thread it is on.
            java.util.concurrent.atomic.AtomicBoolean recording = new java.util.concurrent.atomic.AtomicBoolean(true);
            Future<Integer> otherWork = pool.submit(() -> {
                int rounds = 0;
                while (recording.get()) {
                    assertThat(store.summary().depth()).isBetween(0L, 40L);
                    assertThat(store.purgePersonalData()).isZero();
                    rounds++;
                }
                return rounds;
            });
            List<Future<RecordedAct>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(pool.submit(() -> store.record(Fixtures.delivery(Fixtures.serial(n), n))));
            }
            for (Future<RecordedAct> f : futures) {
                receipts.add(f.get());
            }
            recording.set(false);
            assertThat(otherWork.get()).isPositive();
            pool.shutdown();
            assertThat(receipts).extracting(RecordedAct::seq).containsExactlyInAnyOrder(
                    java.util.stream.LongStream.rangeClosed(1, 40).boxed().toArray(Long[]::new));
            List<OutboxEntry> entries = store.entries(1, 100);
            assertThat(entries).hasSize(40);
            // UUIDv7 made in commit order sort in seq order, even inside one millisecond.
            List<UUID> ids = entries.stream().map(OutboxEntry::opId).toList();
            assertThat(ids).allMatch(u -> u.version() == 7);
            assertThat(ids.stream().map(UUID::toString).toList()).isSorted();
            assertThat(entries).allMatch(e -> e.state() == LocalSyncState.PENDING);
            assertThat(store.summary().depth()).isEqualTo(40);
            assertThat(store.verifyAudit().intact()).isTrue();
            assertThat(store.verifyAudit().rows()).isEqualTo(40);
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                ResultSet rs = c.createStatement().executeQuery(
                        "select (select count(*) from counter_act), (select count(*) from outbox), (select count(*) from audit_log)")) {
            // counter_act and audit_log are views of the acts' outbox rows since V9: one act and one link per entry.
            rs.next();
            assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).containsExactly(40, 40, 40);
        }
    }

    @Test
    void aClosedStoreRecordsNothing() throws Exception {
        CacheStore store = open(new MutableClock(Instant.parse("2026-11-25T01:00:00Z")));
        store.record(Fixtures.delivery(Fixtures.serial(1), 1));
        store.close();
        assertThatThrownBy(() -> store.record(Fixtures.delivery(Fixtures.serial(2), 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                ResultSet rs = c.createStatement().executeQuery("select count(*), max(seq) from outbox")) {
            rs.next();
            assertThat(List.of(rs.getInt(1), rs.getInt(2))).containsExactly(1, 1);
        }
    }

    @Test
    void aRecordWhoseInsertFailsLeavesNoActNorLinkOfTheChain() throws Exception {
        try (CacheStore store = open(new MutableClock(Instant.parse("2026-11-25T01:00:00Z")))) {
            store.record(Fixtures.delivery(Fixtures.serial(1), 1));
            // Another process plants the seq the next act will take: its one insert (the act's row with its link of
            // the audit chain, V9) then fails.
            try (var c = DriverManager.getConnection(CacheStore.outboxJdbcUrl(dir.resolve("outbox.db"), Duration.ofSeconds(5)))) {
                c.createStatement().execute("insert into outbox (seq, op_id, type, occurred_at, state, enqueued_at)"
                        + " values (2, 'planted', 'X', 0, 'PENDING', 0)");
            }
            assertThatThrownBy(() -> store.record(Fixtures.delivery(Fixtures.serial(2), 2))).isInstanceOf(MadoguchiException.class);
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                ResultSet rs = c.createStatement().executeQuery(
                        "select (select count(*) from outbox where row_hash is not null), (select count(*) from audit_log),"
                                + " (select op_id from outbox where seq = 2)")) {
            rs.next();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3))).containsExactly("1", "1", "planted");
        }
    }

    @Test
    void actsThatBelongTogetherAreRecordedInOneTransaction() {
        try (CacheStore store = open(new MutableClock(Instant.parse("2026-11-25T01:00:00Z")))) {
            store.record(Fixtures.delivery(Fixtures.serial(1), 1));
            CounterAct collected = new CounterAct(OperationType.OLD_CARD_COLLECTED, "C001", null, Fixtures.serial(2), null,
                    Map.of("cardSerial", Fixtures.serial(2), "item", "JUKI_CARD", "disposition", "COLLECTED"));
            List<RecordedAct> both = store.record(List.of(Fixtures.delivery(Fixtures.serial(2), 2), collected));
            assertThat(both).extracting(RecordedAct::seq).containsExactly(2L, 3L);
            assertThat(store.entries(1, 10)).extracting(OutboxEntry::type)
                    .containsExactly(OperationType.DELIVERY_COMPLETED, OperationType.DELIVERY_COMPLETED, OperationType.OLD_CARD_COLLECTED);
            assertThat(store.verifyAudit().rows()).isEqualTo(3);
            assertThat(store.requireIntactAudit().intact()).isTrue();
        }
    }

    @Test
    void pragmasAreThoseTheDocsPromise() throws Exception {
        try (CacheStore store = open(new MutableClock(Instant.now()))) {
            store.record(Fixtures.delivery(Fixtures.serial(1), 1));
        }
        try (var c = DriverManager.getConnection(SqliteDatabase.url(dir.resolve("outbox.db"), SqliteDatabase.Durability.FULL, 1234))) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "synchronous")).isEqualTo("2");
            assertThat(pragma(c, "busy_timeout")).isEqualTo("1234");
            assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
        }
    }

    private static String pragma(java.sql.Connection c, String name) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("pragma " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void personalDataIsNotFoundInAnyDatabaseFile() throws Exception {
        try (CacheStore store = open(new MutableClock(Instant.now()))) {
            for (int i = 0; i < 20; i++) {
                store.record(Fixtures.applicationWithPersonalData(i));
            }
            assertThat(store.details(store.entries(1, 1).get(0).seq()).path("resident").path("myNumber").asText()).isEqualTo(Fixtures.MY_NUMBER);
            // Grep while the WAL still holds the pages, and again after the checkpoint at close.
            assertNoFileContains(Fixtures.MY_NUMBER);
            assertNoFileContains("霞が関");
        }
        assertNoFileContains(Fixtures.MY_NUMBER);
        assertNoFileContains("1990-04-01");
    }

    private void assertNoFileContains(String text) throws Exception {
        byte[][] needles = {text.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_16LE)};
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                assertThat(content.length).isPositive();
                for (byte[] needle : needles) {
                    assertThat(indexOf(content, needle)).as("%s in %s", text, f.getFileName()).isEqualTo(-1);
                }
            }
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void purgeRemovesPersonalDataOfOldSyncedActsAndKeepsTheAuditChain() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-10-01T00:00:00Z"));
        RecordedAct synced;
        RecordedAct conflicted;
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01").withClock(clock)
                .withConfiguration(jp.madoguchi.common.Configuration.load(List.of())), Fixtures.key(dir))) {
            assertThat(store.settings().piiRetention()).isEqualTo(Duration.ofDays(30));
            synced = store.record(Fixtures.applicationWithPersonalData(1));
            RecordedAct unsynced = store.record(Fixtures.applicationWithPersonalData(2));
            conflicted = store.record(Fixtures.applicationWithPersonalData(3));
            store.applyOutcomes(synced.seq(), conflicted.seq(), List.of(new OperationOutcome(synced.opId().toString(), "APPLIED", null, null, null, null),
                    new OperationOutcome(conflicted.opId().toString(), "APPLIED_WITH_CONFLICT", null, "APPLICATION_EXISTS", null, "CASE-1")));
            clock.advance(Duration.ofDays(29));
            assertThat(store.purgePersonalData()).isZero();
            clock.advance(Duration.ofDays(2));
            // The conflict's case is still open: its act keeps its details however old it is.
            assertThat(store.purgePersonalData()).isEqualTo(1);
            assertThat(store.details(synced.seq())).isNull();
            assertThat(store.details(unsynced.seq())).isNotNull();
            assertThat(store.details(conflicted.seq())).isNotNull();
            store.closeCase("CASE-1", "S001", "申請重複を確認");
            clock.advance(Duration.ofDays(30).plusMinutes(1));
            assertThat(store.purgePersonalData()).isEqualTo(1);
            assertThat(store.details(conflicted.seq())).isNull();
            assertThat(store.details(unsynced.seq())).isNotNull();
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).isTrue();
            assertThat(v.rows()).isEqualTo(3);
        }
        // Reopened (as at the next start), the purged store still verifies, and no purged act's My Number is left readable.
        try (CacheStore store = open(clock)) {
            assertThat(store.requireIntactAudit().rows()).isEqualTo(3);
            assertThat(store.entries(1, 10)).hasSize(3);
        }
    }

    @Test
    void theRetentionPeriodComesFromTheConfigurationAndIsChecked() {
        StoreSettings base = StoreSettings.defaults(dir, "T01");
        assertThat(base.withConfiguration(jp.madoguchi.common.Configuration.load(List.of("--set", "cache.pii.retention.days=7")))
                .piiRetention()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> base.withConfiguration(jp.madoguchi.common.Configuration.load(List.of("--set", "cache.pii.retention.days=0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.pii.retention.days").hasMessageContaining("--set");
    }

    @Test
    void clockSteppedBackBeyondToleranceIsRefusedWithACodeAndRecordsNothing() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T03:00:00Z"));
        try (CacheStore store = open(clock)) {
            store.record(Fixtures.delivery(Fixtures.serial(1), 1));
            clock.advance(Duration.ofMinutes(-1));
            assertThat(store.record(Fixtures.delivery(Fixtures.serial(2), 2)).seq()).isEqualTo(2);
            clock.advance(Duration.ofHours(-3));
            assertThatThrownBy(() -> store.record(Fixtures.delivery(Fixtures.serial(3), 3)))
                    .isInstanceOf(MadoguchiException.class).extracting(e -> ((MadoguchiException) e).code()).isEqualTo("MDG-CACHE-007");
            assertThat(store.summary().lastSeq()).isEqualTo(2);
            clock.advance(Duration.ofHours(3));
            assertThat(store.record(Fixtures.delivery(Fixtures.serial(3), 3)).seq()).isEqualTo(3);
            List<OutboxEntry> entries = store.entries(1, 10);
            assertThat(entries.stream().map(e -> e.opId().toString()).toList()).isSorted();
            assertThat(store.verifyAudit().intact()).isTrue();
        }
    }

    @Test
    void reopeningWithAWrongEnrolmentSecretIsACodedError() {
        Path keyFile = dir.resolve("enrolment").resolve("cache-key.p12");
        var key = KeyVault.openOrCreate(keyFile, "right".toCharArray());
        assertThat(KeyVault.openOrCreate(keyFile, "right".toCharArray()).getEncoded()).isEqualTo(key.getEncoded());
        assertThatThrownBy(() -> KeyVault.openOrCreate(keyFile, "wrong".toCharArray()))
                .isInstanceOf(MadoguchiException.class).extracting(e -> ((MadoguchiException) e).code()).isEqualTo("MDG-CACHE-008");
    }

    @Test
    void aStoreOfAnotherTerminalIsNotOpened() {
        try (CacheStore store = open(new MutableClock(Instant.now()))) {
            store.record(Fixtures.delivery(Fixtures.serial(1), 1));
        }
        assertThatThrownBy(() -> CacheStore.open(StoreSettings.defaults(dir, "T02"), Fixtures.key(dir)))
                .isInstanceOf(MadoguchiException.class).hasMessageContaining("MDG-CACHE-012");
    }

    static String code(Throwable t) {
        return t instanceof MadoguchiException m ? m.code() : "not coded: " + t;
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}

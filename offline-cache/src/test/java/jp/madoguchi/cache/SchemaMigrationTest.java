package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import jp.madoguchi.common.MadoguchiException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aQueueWrittenBySchemaVersion1IsMigratedAndStillDrainable() throws Exception {
        SecretKey key = Fixtures.key(dir);
        Path file = dir.resolve("outbox.db");
        String url = SqliteDatabase.url(file, SqliteDatabase.Durability.FULL, 1000);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/outbox").target("1").load().migrate();
        // One act exactly as version 1 of the program wrote it.
        String opId = "01936b2a-0000-7000-8000-000000000001";
        byte[] sealed = new FieldCipher(key).seal(CacheStore.JSON.writeValueAsBytes(
                Map.of("cardSerial", Fixtures.serial(1), "pinTypes", List.of("AUTH"), "reason", "FORGOTTEN",
                        "triesLeftBefore", 0, "visitorType", "HOLDER", "idMethod", List.of("ID_A"))),
                opId.getBytes(StandardCharsets.US_ASCII));
        long at = Instant.parse("2026-11-20T01:00:00Z").toEpochMilli();
        String hash = AuditChain.rowHash(1, AuditChain.GENESIS, opId, 1, "PIN_RESET", "C001", null, at, AuditChain.sha256(sealed));
        try (Connection c = DriverManager.getConnection(url)) {
            PreparedStatement act = c.prepareStatement("insert into counter_act values (?, 1, 'PIN_RESET', ?, 'C001', null, ?, ?, null)");
            act.setString(1, opId);
            act.setString(2, Fixtures.serial(1));
            act.setLong(3, at);
            act.setBytes(4, sealed);
            act.executeUpdate();
            PreparedStatement out = c.prepareStatement(
                    "insert into outbox values (1, ?, 'PIN_RESET', ?, 'C001', null, 3, ?, 'PENDING', null, null, null, ?, null)");
            out.setString(1, opId);
            out.setLong(2, at);
            out.setBytes(3, sealed);
            out.setLong(4, at);
            out.executeUpdate();
            PreparedStatement audit = c.prepareStatement("insert into audit_log values (1, ?, 1, 'PIN_RESET', 'C001', ?, ?, ?, ?)");
            audit.setString(1, opId);
            audit.setLong(2, at);
            audit.setString(3, AuditChain.sha256(sealed));
            audit.setString(4, AuditChain.GENESIS);
            audit.setString(5, hash);
            audit.executeUpdate();
        }

        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), key)) {
            assertThat(store.entries(1, 10)).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(LocalSyncState.PENDING);
                assertThat(e.caseId()).isNull();
            });
            List<PendingOperation> pending = store.unsettled(10);
            assertThat(pending).singleElement().satisfies(p -> {
                assertThat(p.basedOnVersion()).isEqualTo(3L);
                assertThat(CacheStore.JSON.readTree(p.payloadJson()).path("reason").asText()).isEqualTo("FORGOTTEN");
            });
            assertThat(store.record(Fixtures.delivery(Fixtures.serial(2), 2)).seq()).isEqualTo(2);
            assertThat(store.verifyAudit().intact()).isTrue();
            assertThat(store.openCases()).isEmpty();
        }
        try (Connection c = DriverManager.getConnection(url)) {
            var rs = c.createStatement().executeQuery("select max(version) from flyway_schema_history where success = 1");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("9");
            // Since V9 an act is one row in one table (counter_act and audit_log are views of it); the only indexes
            // on it are partial ones that a new (PENDING) entry never touches: CONFLICT and REJECTED (V5), ACKED with
            // its payload kept (V7). No op_id index.
            var indexes = c.createStatement().executeQuery("select name from sqlite_master where type = 'index'"
                    + " and tbl_name in ('counter_act', 'outbox', 'audit_log') order by name");
            List<String> names = new java.util.ArrayList<>();
            while (indexes.next()) {
                names.add(indexes.getString(1));
            }
            assertThat(names).containsExactly("outbox_acked_unpurged", "outbox_conflict", "outbox_rejected");
            var tables = c.createStatement().executeQuery("select name, type from sqlite_master where name in ('counter_act', 'outbox',"
                    + " 'audit_log') order by name");
            List<String> kinds = new java.util.ArrayList<>();
            while (tables.next()) {
                kinds.add(tables.getString(1) + ":" + tables.getString(2));
            }
            assertThat(kinds).containsExactly("audit_log:view", "counter_act:view", "outbox:table");
            assertThat(rows(c, "select count(*) from act_outside_outbox")).containsExactly("0");
            assertThat(rows(c, "select seq, card_serial, audit_id, lower(hex(row_hash)) = '" + hash + "', details is not null"
                    + " from counter_act where seq = 1")).containsExactly("1|" + Fixtures.serial(1) + "|1|1|1");
        }
    }

    /**
     * A store at V7 (audit chain in its own table) with the kinds of rows a real one holds: an ordinary act, an
     * act whose personal data was purged, an act approved by a supervisor (audited with it, V6), an approved act
     * audited before V6 (its audit row without the supervisor), an AUDIT_HEAD entry (a seq without an act), and
     * an act after it. V8 moves the chain onto the act rows: the chain verifies, its head and length are those of
     * V7, the audit_log view shows exactly the rows the table held, and the chain goes on from that head. (V9 then
     * folds the act rows into the outbox: the same holds.)
     */
    @Test
    void aV7ChainMovesOntoTheActRowsAndVerifiesWithTheSameHead() throws Exception {
        SecretKey key = Fixtures.key(dir);
        FieldCipher cipher = new FieldCipher(key);
        String url = SqliteDatabase.url(dir.resolve("outbox.db"), SqliteDatabase.Durability.FULL, 1000);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/outbox").target("7").load().migrate();
        long at = Instant.parse("2026-11-20T01:00:00Z").toEpochMilli();
        String head = AuditChain.GENESIS;
        List<String> auditBefore;
        try (Connection c = DriverManager.getConnection(url)) {
            // seq, audit id, supervisor on the act, supervisor in the audit row, purged
            Object[][] acts = {
                {1L, 1L, null, null, false},
                {2L, 2L, null, null, true},
                {3L, 3L, "S001", "S001", false},
                {4L, 4L, "S002", null, false},
                {6L, 5L, null, null, false},
            };
            for (Object[] a : acts) {
                long seq = (Long) a[0];
                long id = (Long) a[1];
                String opId = String.format("01936b2a-0000-7000-8000-%012d", seq);
                byte[] sealed = cipher.seal(CacheStore.JSON.writeValueAsBytes(Map.of("cardSerial", Fixtures.serial((int) seq),
                        "pinTypes", List.of("AUTH"), "reason", "FORGOTTEN", "triesLeftBefore", 0, "visitorType", "HOLDER",
                        "idMethod", List.of("ID_A"))), opId.getBytes(StandardCharsets.US_ASCII));
                boolean purged = (Boolean) a[4];
                String contentHash = AuditChain.sha256(sealed);
                String rowHash = AuditChain.rowHash(id, head, opId, seq, "PIN_RESET", "C001", (String) a[3], at + seq, contentHash);
                execute(c, "insert into counter_act (op_id, seq, type, card_serial, clerk_id, supervisor_id, occurred_at, details,"
                        + " purged_at) values (?, ?, 'PIN_RESET', ?, 'C001', ?, ?, ?, ?)",
                        opId, seq, Fixtures.serial((int) seq), a[2], at + seq, purged ? null : sealed, purged ? at + 100 : null);
                execute(c, "insert into outbox (seq, op_id, type, occurred_at, clerk_id, supervisor_id, based_on_version, payload,"
                        + " state, enqueued_at) values (?, ?, 'PIN_RESET', ?, 'C001', ?, 3, ?, ?, ?)",
                        seq, opId, at + seq, a[2], purged ? null : sealed, seq == 6 ? "PENDING" : "ACKED", at + seq);
                execute(c, "insert into audit_log (id, op_id, seq, type, clerk_id, occurred_at, content_hash, prev_hash, row_hash,"
                        + " supervisor_id) values (?, ?, ?, 'PIN_RESET', 'C001', ?, ?, ?, ?, ?)",
                        id, opId, seq, at + seq, contentHash, head, rowHash, a[3]);
                head = rowHash;
                if (seq == 4) {
                    insertAuditHeadAt5(c, cipher, head, at);
                }
            }
            auditBefore = rows(c, "select * from audit_log order by id");
        }
        assertThat(auditBefore).hasSize(5);

        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), key)) {
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).as(v.problem()).isTrue();
            assertThat(v.rows()).isEqualTo(5);
            assertThat(v.headHash()).isEqualTo(head);
            // The purged act kept its link; the others their details.
            assertThat(store.details(2)).isNull();
            assertThat(store.details(4).path("reason").asText())
                    .isEqualTo("FORGOTTEN");
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(rows(c, "select max(version) from flyway_schema_history where success = 1")).containsExactly("9");
            assertThat(rows(c, "select * from audit_log order by id")).isEqualTo(auditBefore);
            assertThat(rows(c, "select audit_id, supervisor_id, supervisor_in_chain from counter_act order by audit_id"))
                    .containsExactly("1|null|1", "2|null|1", "3|S001|1", "4|S002|0", "5|null|1");
        }
        // The chain goes on from the same head, also after reopening (head looked up from the end of the outbox).
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), key)) {
            assertThat(store.record(Fixtures.delivery(Fixtures.serial(7), 7)).seq()).isEqualTo(7);
        }
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), key)) {
            store.record(new CounterAct(OperationType.PIN_RESET, "C001", "S001", Fixtures.serial(8), 2L, Map.of("reason", "FORGOTTEN")));
            AuditVerification v = store.requireIntactAudit();
            assertThat(v.rows()).isEqualTo(7);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(rows(c, "select id, seq, prev_hash = (select row_hash from audit_log where id = 5), supervisor_id"
                    + " from audit_log where id >= 6 order by id")).containsExactly("6|7|1|null", "7|8|0|S001");
        }
        // The pre-V6 row's supervisor is outside its hash, as it was; marking it audited now breaks the chain there.
        try (Connection c = DriverManager.getConnection(url)) {
            execute(c, "update outbox set supervisor_in_chain = 1 where audit_id = 4");
        }
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), key)) {
            assertThat(store.verifyAudit().badRow()).isEqualTo(4);
        }
    }

    /**
     * A store at V8 (an act is a counter_act row carrying its link, plus its outbox entry) with the kinds of rows a
     * real one holds: ordinary acts, an act whose personal data was purged, an approved act, an act audited before V6
     * with its supervisor outside its hash, an AUDIT_HEAD between acts, and a CONFLICT entry with central's case.
     * V9 folds each act into its outbox row: the chain verifies with the same head and length, the views show what
     * the tables held, details() opens every unpurged act by its seq, the case keeps its card, and the chain and the
     * AUDIT_HEAD check go on from there.
     */
    @Test
    void aV8StoreFoldsIntoOneRowPerActAndVerifiesWithTheSameHead() throws Exception {
        SecretKey key = Fixtures.key(dir);
        FieldCipher cipher = new FieldCipher(key);
        String url = SqliteDatabase.url(dir.resolve("outbox.db"), SqliteDatabase.Durability.FULL, 1000);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/outbox").target("8").load().migrate();
        long at = Instant.parse("2026-11-20T01:00:00Z").toEpochMilli();
        java.util.HexFormat hex = java.util.HexFormat.of();
        String head = AuditChain.GENESIS;
        List<String> actsBefore;
        List<String> auditBefore;
        try (Connection c = DriverManager.getConnection(url)) {
            // seq, audit id, supervisor, supervisor in the hash, purged, state
            Object[][] acts = {
                {1L, 1L, null, 1, false, "ACKED"},
                {2L, 2L, null, 1, true, "ACKED"},
                {3L, 3L, "S001", 1, false, "ACKED"},
                {4L, 4L, "S002", 0, false, "ACKED"},
                {6L, 5L, null, 1, false, "CONFLICT"},
                {7L, 6L, null, 1, false, "PENDING"},
            };
            for (Object[] a : acts) {
                long seq = (Long) a[0];
                long id = (Long) a[1];
                String opId = String.format("01936b2a-0000-7000-8000-%012d", seq);
                byte[] sealed = cipher.seal(CacheStore.JSON.writeValueAsBytes(Map.of("cardSerial", Fixtures.serial((int) seq),
                        "reason", "R" + seq)), opId.getBytes(StandardCharsets.US_ASCII));
                boolean purged = (Boolean) a[4];
                String contentHash = AuditChain.sha256(sealed);
                String rowHash = AuditChain.rowHash(id, head, opId, seq, "PIN_RESET", "C001", (Integer) a[3] == 1 ? (String) a[2] : null,
                        at + seq, contentHash);
                execute(c, "insert into counter_act (op_id, seq, type, card_serial, clerk_id, supervisor_id, occurred_at, details,"
                        + " purged_at, audit_id, content_hash, prev_hash, row_hash, supervisor_in_chain)"
                        + " values (?, ?, 'PIN_RESET', ?, 'C001', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        opId, seq, Fixtures.serial((int) seq), a[2], at + seq, purged ? null : sealed, purged ? at + 100 : null,
                        id, hex.parseHex(contentHash), hex.parseHex(head), hex.parseHex(rowHash), a[3]);
                execute(c, "insert into outbox (seq, op_id, type, occurred_at, clerk_id, supervisor_id, based_on_version, payload,"
                        + " state, enqueued_at, acked_at, case_id) values (?, ?, 'PIN_RESET', ?, 'C001', ?, 3, ?, ?, ?, ?, ?)",
                        seq, opId, at + seq, a[2], purged ? null : sealed, a[5], at + seq, "PENDING".equals(a[5]) ? null : at + 50,
                        "CONFLICT".equals(a[5]) ? "CASE-6" : null);
                if ("CONFLICT".equals(a[5])) {
                    execute(c, "insert into follow_up_case (case_id, kind, seq, op_id, type, card_serial, reason, status, opened_at)"
                            + " values ('CASE-6', 'CONFLICT', 6, ?, 'PIN_RESET', ?, 'CARD_SUSPENDED', 'OPEN', ?)",
                            opId, Fixtures.serial(6), at + 60);
                }
                head = rowHash;
                if (seq == 4) {
                    insertAuditHeadAt5(c, cipher, head, at);
                }
            }
            actsBefore = rows(c, "select * from counter_act order by seq");
            auditBefore = rows(c, "select * from audit_log order by id");
        }
        assertThat(actsBefore).hasSize(6);

        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), key)) {
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).as(v.problem()).isTrue();
            assertThat(v.rows()).isEqualTo(6);
            assertThat(v.headHash()).isEqualTo(head);
            assertThat(store.details(2)).isNull();
            for (long seq : new long[] {1, 3, 4, 6, 7}) {
                assertThat(store.details(seq).path("reason").asText()).isEqualTo("R" + seq);
            }
            // The AUDIT_HEAD entry is not an act.
            assertThat(store.details(5)).isNull();
            assertThat(store.cases()).singleElement().satisfies(k -> {
                assertThat(k.caseId()).isEqualTo("CASE-6");
                assertThat(k.seq()).isEqualTo(6L);
                assertThat(k.cardSerial()).isEqualTo(Fixtures.serial(6));
            });
            assertThat(store.summary().conflicts()).isEqualTo(1);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(rows(c, "select max(version) from flyway_schema_history where success = 1")).containsExactly("9");
            assertThat(rows(c, "select * from counter_act order by seq")).isEqualTo(actsBefore);
            assertThat(rows(c, "select * from audit_log order by id")).isEqualTo(auditBefore);
            assertThat(rows(c, "select count(*) from act_outside_outbox")).containsExactly("0");
            assertThat(rows(c, "select seq, audit_id, card_serial is not null, purged_at is not null from outbox order by seq"))
                    .containsExactly("1|1|1|0", "2|2|1|1", "3|3|1|0", "4|4|1|0", "5|null|0|0", "6|5|1|0", "7|6|1|0");
        }
        // The chain goes on from the same head after reopening, and a new AUDIT_HEAD names it.
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), key)) {
            RecordedAct next = store.record(new CounterAct(OperationType.PIN_RESET, "C001", "S001", Fixtures.serial(8), 2L,
                    Map.of("reason", "R8")));
            assertThat(next.seq()).isEqualTo(8);
            assertThat(store.appendAuditHeadIfChanged()).isTrue();
            assertThat(store.details(8).path("reason").asText()).isEqualTo("R8");
            AuditVerification v = store.requireIntactAudit();
            assertThat(v.rows()).isEqualTo(7);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(rows(c, "select id, seq, prev_hash = (select row_hash from audit_log where id = 6), supervisor_id"
                    + " from audit_log where id = 7")).containsExactly("7|8|1|S001");
        }
    }

    /**
     * An act row that has no matching outbox entry can exist only in a store someone edited. V9 does not drop it: it is
     * kept whole in act_outside_outbox (still shown by the counter_act view) and verifyAudit() reports it; an entry
     * whose act differs from it keeps no link and is reported too.
     */
    @Test
    void aV8ActWithoutItsOutboxEntryIsKeptAndReported() throws Exception {
        SecretKey key = Fixtures.key(dir);
        String url = SqliteDatabase.url(dir.resolve("outbox.db"), SqliteDatabase.Durability.FULL, 1000);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/outbox").target("8").load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            execute(c, "insert into counter_act (op_id, seq, type, clerk_id, occurred_at, audit_id, content_hash, prev_hash, row_hash,"
                    + " supervisor_in_chain) values ('01936b2a-0000-7000-8000-000000000001', 1, 'PIN_RESET', 'C001', 1, 1, x'00', x'00',"
                    + " x'00', 1)");
            execute(c, "insert into outbox (seq, op_id, type, occurred_at, clerk_id, state, enqueued_at)"
                    + " values (1, '01936b2a-0000-7000-8000-000000000001', 'PIN_RESET', 1, 'C002', 'ACKED', 1)");
            execute(c, "insert into counter_act (op_id, seq, type, clerk_id, occurred_at, audit_id, content_hash, prev_hash, row_hash,"
                    + " supervisor_in_chain) values ('01936b2a-0000-7000-8000-000000000009', 9, 'PIN_RESET', 'C001', 9, 2, x'00', x'00',"
                    + " x'00', 1)");
        }
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), key)) {
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).isFalse();
            assertThat(v.badRow()).isEqualTo(1);
            assertThat(v.problem()).contains("no link in the chain");
            assertThat(store.entries(1, 10)).hasSize(1);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(rows(c, "select seq, clerk_id from act_outside_outbox order by seq")).containsExactly("1|C001", "9|C001");
            assertThat(rows(c, "select seq, clerk_id, audit_id from counter_act order by seq, clerk_id"))
                    .containsExactly("1|C001|1", "1|C002|null", "9|C001|2");
            // With the entry's act taken out of the way, what is left to report is the acts outside the outbox.
            execute(c, "delete from outbox where seq = 1");
        }
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), key)) {
            assertThat(store.verifyAudit().problem()).isEqualTo("2 act(s) outside the outbox (kept by schema V9 from a store that had been edited)");
        }
    }

    /** An act whose audit row someone deleted under V7 is kept by V8 (without a link) and reported. */
    @Test
    void anActWithoutItsAuditRowAtV7IsKeptAndReported() throws Exception {
        SecretKey key = Fixtures.key(dir);
        String url = SqliteDatabase.url(dir.resolve("outbox.db"), SqliteDatabase.Durability.FULL, 1000);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/outbox").target("7").load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            String opId = "01936b2a-0000-7000-8000-000000000001";
            execute(c, "insert into counter_act (op_id, seq, type, clerk_id, occurred_at) values (?, 1, 'PIN_RESET', 'C001', 1)", opId);
            execute(c, "insert into outbox (seq, op_id, type, occurred_at, state, enqueued_at) values (1, ?, 'PIN_RESET', 1, 'ACKED', 1)",
                    opId);
        }
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), key)) {
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).isFalse();
            assertThat(v.badRow()).isEqualTo(1);
            assertThat(v.problem()).contains("no link in the chain");
            assertThat(store.entries(1, 10)).hasSize(1);
        }
    }

    /** An acknowledged AUDIT_HEAD entry at seq 5, as the store wrote it after four acts ending in {@code head}. */
    private static void insertAuditHeadAt5(Connection c, FieldCipher cipher, String head, long at) throws Exception {
        String headOp = "01936b2a-0000-7000-8000-000000000005";
        execute(c, "insert into outbox (seq, op_id, type, occurred_at, payload, state, enqueued_at)"
                + " values (5, ?, 'AUDIT_HEAD', ?, ?, 'ACKED', ?)", headOp, at + 5,
                cipher.seal(CacheStore.JSON.writeValueAsBytes(Map.of("hash", head, "count", 4)),
                        headOp.getBytes(StandardCharsets.US_ASCII)), at + 5);
    }

    private static void execute(Connection c, String sql, Object... values) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            p.executeUpdate();
        }
    }

    /** Every row of {@code query}, its columns joined by "|" (NULL as "null"). */
    private static List<String> rows(Connection c, String query) throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (var rs = c.createStatement().executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    void aDatabaseFromANewerProgramIsRefusedAndLeftAlone() throws Exception {
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), Fixtures.key(dir))) {
            store.record(Fixtures.delivery(Fixtures.serial(1), 1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"))) {
            c.createStatement().executeUpdate("insert into flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, installed_on, execution_time, success) values (99, '99', 'future', 'SQL',"
                    + " 'V99__future.sql', 0, 'x', '2030-01-01 00:00:00', 1, 1)");
        }
        byte[] before = Files.readAllBytes(dir.resolve("outbox.db"));
        assertThatThrownBy(() -> CacheStore.open(StoreSettings.defaults(dir, "T01"), Fixtures.key(dir)))
                .isInstanceOf(MadoguchiException.class).extracting(e -> ((MadoguchiException) e).code()).isEqualTo("MDG-CACHE-005");
        assertThat(Files.readAllBytes(dir.resolve("outbox.db"))).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotADatabaseIsACodedError() throws Exception {
        Files.write(dir.resolve("outbox.db"), "this is not a database, it was overwritten by something else".repeat(100)
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CacheStore.open(StoreSettings.defaults(dir, "T01"), Fixtures.key(dir)))
                .isInstanceOf(MadoguchiException.class).extracting(e -> ((MadoguchiException) e).code())
                .isIn("MDG-CACHE-004", "MDG-CACHE-006");
    }
}

package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jp.madoguchi.common.testing.MutableClock;

/**
 * Tampering with the database behind the store's back is found by verifyAudit(). Since schema V9 an act is one
 * outbox row that carries its link of the chain; {@code counter_act} and {@code audit_log} are read-only views of it.
 */
class AuditChainTest {

    @TempDir
    Path dir;

    @BeforeEach
    void fiveActs() {
        try (CacheStore store = open()) {
            for (int i = 1; i <= 5; i++) {
                store.record(Fixtures.delivery(Fixtures.serial(i), i));
            }
            assertThat(store.verifyAudit().intact()).isTrue();
        }
    }

    private CacheStore open() {
        return CacheStore.open(StoreSettings.defaults(dir, "T01").withClock(new MutableClock(Instant.parse("2026-11-25T01:00:00Z"))),
                Fixtures.key(dir));
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"))) {
            c.createStatement().executeUpdate(statement);
        }
    }

    private AuditVerification verify() {
        try (CacheStore store = open()) {
            return store.verifyAudit();
        }
    }

    @Test
    void anEditedRowIsFound() throws Exception {
        sql("update outbox set clerk_id = 'C999' where audit_id = 3");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(3);
        try (CacheStore store = open()) {
            assertThatThrownBy(store::requireIntactAudit)
                    .isInstanceOf(jp.madoguchi.common.MadoguchiException.class).hasMessageContaining("MDG-CACHE-009")
                    .hasMessageContaining("row 3");
        }
    }

    @Test
    void anEditedLinkIsFound() throws Exception {
        sql("update outbox set prev_hash = (select prev_hash from outbox where seq = 2) where seq = 4");
        AuditVerification v = verify();
        assertThat(v.badRow()).isEqualTo(4);
        assertThat(v.problem()).isEqualTo("link to the previous row does not match");
    }

    @Test
    void anEditedActIsFoundThroughItsAuditedHash() throws Exception {
        sql("update outbox set payload = (select payload from outbox where seq = 4) where seq = 2");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(2);
        assertThat(v.problem()).contains("details");
    }

    @Test
    void aDeletedActIsFoundByTheGapInTheSeqs() throws Exception {
        sql("delete from outbox where seq = 3");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(3);
        assertThat(v.problem()).isEqualTo("no outbox entry at seq 3 (an entry was deleted)");
    }

    @Test
    void aDeletedActWhoseSeqsWereClosedUpBreaksTheLinkOfTheNext() throws Exception {
        sql("delete from outbox where seq = 3");
        sql("update outbox set seq = seq - 1 where seq > 3");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(3);
        assertThat(v.problem()).contains("row id 4 where 3 was expected");
    }

    @Test
    void theNewestActDeletedIsFoundByTheAuditHeadWrittenAfterIt() throws Exception {
        // Deleting the newest row leaves no gap and a chain that ends one link earlier: what tells is the AUDIT_HEAD
        // entry the sync engine wrote after it (seq 6, count 5), by the gap it leaves or, moved down, by its count.
        try (CacheStore store = open()) {
            assertThat(store.appendAuditHeadIfChanged()).isTrue();
        }
        sql("delete from outbox where seq = 5");
        assertThat(verify()).satisfies(v -> {
            assertThat(v.badRow()).isEqualTo(5);
            assertThat(v.problem()).contains("no outbox entry at seq 5");
        });
        sql("update outbox set seq = 5 where seq = 6");
        assertThat(verify()).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.badRow()).isEqualTo(4);
            assertThat(v.problem()).contains("AUDIT_HEAD entry at seq 5 names 5 links, the chain before it has 4");
        });
    }

    @Test
    void aRewrittenChainIsFoundByTheAuditHeadAfterIt() throws Exception {
        // The forger re-hashes links 3 to 5 over an edited act: every link verifies, the AUDIT_HEAD's head does not.
        try (CacheStore store = open()) {
            assertThat(store.appendAuditHeadIfChanged()).isTrue();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"))) {
            c.createStatement().executeUpdate("update outbox set clerk_id = 'C999' where audit_id = 3");
            rehash(c, 3);
        }
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("AUDIT_HEAD entry at seq 6").contains("or another head");
    }

    @Test
    void theNewestActDeletedWhileTheStoreIsOpenIsFound() throws Exception {
        try (CacheStore store = open()) {
            sql("delete from outbox where seq = 5");
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).isFalse();
            assertThat(v.badRow()).isEqualTo(5);
            assertThat(v.problem()).contains("ends at seq 4 with 4 links, but this store wrote up to seq 5 with 5");
        }
    }

    @Test
    void anActAppendedWithACorrectHashWhileTheStoreIsOpenIsFound() throws Exception {
        try (CacheStore store = open()) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"))) {
                insertForgedAct(c, 6, 6, "01990000-0000-7000-8000-000000000000");
            }
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).isFalse();
            assertThat(v.badRow()).isEqualTo(7);
            assertThat(v.problem()).contains("ends at seq 6 with 6 links, but this store wrote up to seq 5 with 5");
        }
    }

    @Test
    void theViewsOfTheActAndTheChainAreReadOnly() {
        assertThatThrownBy(() -> sql("update audit_log set clerk_id = 'C999' where id = 3"))
                .isInstanceOf(SQLException.class).hasMessageContaining("view");
        assertThatThrownBy(() -> sql("update counter_act set clerk_id = 'C999' where audit_id = 3"))
                .isInstanceOf(SQLException.class).hasMessageContaining("view");
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void anInsertedRowWithACorrectOwnHashIsFoundAtTheNextRow() throws Exception {
        // The forger moves the entries after 2 up one seq and one link, and inserts an act at seq 3 whose link hashes
        // correctly onto row 2.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"))) {
            c.createStatement().executeUpdate("update outbox set seq = seq + 100, audit_id = audit_id + 1 where seq >= 3");
            c.createStatement().executeUpdate("update outbox set seq = seq - 99 where seq > 100");
            insertForgedAct(c, 3, 3, "01900000-0000-7000-8000-000000000000");
        }
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(4);
        assertThat(v.problem()).isEqualTo("link to the previous row does not match");
    }

    /** An act at {@code seq} whose link {@code id} hashes correctly onto link {@code id - 1}. */
    private static void insertForgedAct(Connection c, long seq, long id, String opId) throws Exception {
        // The hashes are stored as bytes (V8) and hashed as hex.
        HexFormat hex = HexFormat.of();
        String prev;
        try (ResultSet rs = c.createStatement().executeQuery("select row_hash from outbox where audit_id = " + (id - 1))) {
            rs.next();
            prev = hex.formatHex(rs.getBytes(1));
        }
        String rowHash = AuditChain.rowHash(id, prev, opId, seq, "PIN_RESET", "C001", null, 0L, "00");
        try (PreparedStatement p = c.prepareStatement("insert into outbox (seq, op_id, type, clerk_id, occurred_at, state, enqueued_at,"
                + " audit_id, content_hash, prev_hash, row_hash, supervisor_in_chain)"
                + " values (?, ?, 'PIN_RESET', 'C001', 0, 'PENDING', 0, ?, x'00', ?, ?, 1)")) {
            p.setLong(1, seq);
            p.setString(2, opId);
            p.setLong(3, id);
            p.setBytes(4, hex.parseHex(prev));
            p.setBytes(5, hex.parseHex(rowHash));
            p.executeUpdate();
        }
    }

    /** Re-hashes every link from {@code fromId} on as the store would have, over the rows as they now are. */
    private static void rehash(Connection c, long fromId) throws Exception {
        HexFormat hex = HexFormat.of();
        String prev;
        try (ResultSet rs = c.createStatement().executeQuery("select row_hash from outbox where audit_id = " + (fromId - 1))) {
            rs.next();
            prev = hex.formatHex(rs.getBytes(1));
        }
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("select audit_id, op_id, seq, type, clerk_id, occurred_at,"
                + " content_hash from outbox where audit_id >= " + fromId + " order by seq")) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                    hex.formatHex(rs.getBytes(7))});
            }
        }
        for (Object[] r : rows) {
            String rowHash = AuditChain.rowHash((Long) r[0], prev, (String) r[1], (Long) r[2], (String) r[3], (String) r[4], null,
                    (Long) r[5], (String) r[6]);
            try (PreparedStatement p = c.prepareStatement("update outbox set prev_hash = ?, row_hash = ? where seq = ?")) {
                p.setBytes(1, hex.parseHex(prev));
                p.setBytes(2, hex.parseHex(rowHash));
                p.setLong(3, (Long) r[2]);
                p.executeUpdate();
            }
            prev = rowHash;
        }
    }

    @Test
    void theApprovingSupervisorIsInTheAuditRowAndCoveredByItsHash() throws Exception {
        try (CacheStore store = open()) {
            CounterAct approved = new CounterAct(OperationType.PIN_RESET, "C001", "S001", Fixtures.serial(6), 2L,
                    java.util.Map.of("cardSerial", Fixtures.serial(6), "pinTypes", java.util.List.of("AUTH"), "reason", "FORGOTTEN",
                            "triesLeftBefore", 0, "visitorType", "HOLDER", "idMethod", java.util.List.of("ID_A")));
            store.record(approved);
            assertThat(store.verifyAudit().intact()).isTrue();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                ResultSet rs = c.createStatement().executeQuery("select id, clerk_id, supervisor_id from audit_log order by id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
            }
            assertThat(rows).containsExactly("1:C001:null", "2:C001:null", "3:C001:null", "4:C001:null", "5:C001:null", "6:C001:S001");
        }
        // Another approver written in, or the approval taken away: the row no longer matches its hash.
        sql("update outbox set supervisor_id = 'S002' where audit_id = 6");
        assertThat(verify()).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.badRow()).isEqualTo(6);
            assertThat(v.problem()).isEqualTo("row content does not match its hash");
        });
        sql("update outbox set supervisor_id = null where audit_id = 6");
        assertThat(verify().badRow()).isEqualTo(6);
        sql("update outbox set supervisor_id = 'S001' where audit_id = 6");
        assertThat(verify().intact()).isTrue();
        // Approval added to an act nobody approved: since V8 the row hash covers that absence too.
        sql("update outbox set supervisor_id = 'S001' where audit_id = 2");
        assertThat(verify().badRow()).isEqualTo(2);
        sql("update outbox set supervisor_id = null where audit_id = 2");
        assertThat(verify().intact()).isTrue();
        // The approval taken out of the chain's reach (the marker of rows audited before V6): the hash no longer matches.
        sql("update outbox set supervisor_in_chain = 0 where audit_id = 6");
        assertThat(verify().badRow()).isEqualTo(6);
    }
}

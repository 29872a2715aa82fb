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
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jp.madoguchi.common.testing.MutableClock;

/**
 * Tampering with the database behind the store's back is found by verifyAudit(). Since schema V8 the chain's
 * columns are on the act rows ({@code counter_act}); {@code audit_log} is a read-only view of them.
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
        sql("update counter_act set clerk_id = 'C999' where audit_id = 3");
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
    void anEditedActIsFoundThroughItsAuditedHash() throws Exception {
        sql("update counter_act set details = (select details from counter_act where seq = 4) where seq = 2");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(2);
        assertThat(v.problem()).contains("details");
    }

    @Test
    void aDeletedActIsFound() throws Exception {
        sql("delete from counter_act where audit_id = 3");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(3);
        assertThat(v.problem()).isEqualTo("the act it records is missing");
    }

    @Test
    void theNewestActDeletedIsFoundThroughItsOutboxEntry() throws Exception {
        // The chain alone would just end one row earlier; the outbox still holds the act's entry.
        sql("delete from counter_act where audit_id = 5");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(5);
        assertThat(v.problem()).isEqualTo("the act it records is missing");
    }

    @Test
    void anActDeletedTogetherWithItsOutboxEntryBreaksTheLinkOfTheNext() throws Exception {
        sql("delete from outbox where seq = 3");
        sql("delete from counter_act where audit_id = 3");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(3);
        assertThat(v.problem()).contains("row id 4 where 3 was expected");
    }

    @Test
    void theAuditLogViewIsReadOnly() {
        assertThatThrownBy(() -> sql("update audit_log set clerk_id = 'C999' where id = 3"))
                .isInstanceOf(SQLException.class).hasMessageContaining("view");
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void anInsertedRowWithACorrectOwnHashIsFoundAtTheNextRow() throws Exception {
        // The forger renumbers the links after 2 and inserts an act whose link hashes correctly onto row 2.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"))) {
            c.createStatement().executeUpdate("update counter_act set audit_id = audit_id + 1 where audit_id >= 3");
            insertForgedAct(c, 3, "01900000-0000-7000-8000-000000000000");
        }
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isIn(3L, 4L);
    }

    @Test
    void anActAppendedWithACorrectHashButNoOutboxEntryIsFound() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"))) {
            insertForgedAct(c, 6, "01990000-0000-7000-8000-000000000000");
        }
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(6);
        assertThat(v.problem()).contains("outside the outbox");
    }

    /** An act (seq 2 again, no outbox entry) whose link hashes correctly onto row {@code id - 1}. */
    private static void insertForgedAct(Connection c, long id, String opId) throws Exception {
        // The hashes are stored as bytes (V8) and hashed as hex.
        HexFormat hex = HexFormat.of();
        String prev;
        try (ResultSet rs = c.createStatement().executeQuery("select row_hash from counter_act where audit_id = " + (id - 1))) {
            rs.next();
            prev = hex.formatHex(rs.getBytes(1));
        }
        String rowHash = AuditChain.rowHash(id, prev, opId, 2, "PIN_RESET", "C001", null, 0L, "00");
        try (PreparedStatement p = c.prepareStatement("insert into counter_act (op_id, seq, type, clerk_id, occurred_at, audit_id,"
                + " content_hash, prev_hash, row_hash, supervisor_in_chain) values (?, 2, 'PIN_RESET', 'C001', 0, ?, x'00', ?, ?, 1)")) {
            p.setString(1, opId);
            p.setLong(2, id);
            p.setBytes(3, hex.parseHex(prev));
            p.setBytes(4, hex.parseHex(rowHash));
            p.executeUpdate();
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
            java.util.List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
            }
            assertThat(rows).containsExactly("1:C001:null", "2:C001:null", "3:C001:null", "4:C001:null", "5:C001:null", "6:C001:S001");
        }
        // Another approver written in, or the approval taken away: the row no longer matches its hash.
        sql("update counter_act set supervisor_id = 'S002' where audit_id = 6");
        assertThat(verify()).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.badRow()).isEqualTo(6);
            assertThat(v.problem()).isEqualTo("row content does not match its hash");
        });
        sql("update counter_act set supervisor_id = null where audit_id = 6");
        assertThat(verify().badRow()).isEqualTo(6);
        sql("update counter_act set supervisor_id = 'S001' where audit_id = 6");
        assertThat(verify().intact()).isTrue();
        // Approval added to an act nobody approved: since V8 the row hash covers that absence too.
        sql("update counter_act set supervisor_id = 'S001' where audit_id = 2");
        assertThat(verify().badRow()).isEqualTo(2);
        sql("update counter_act set supervisor_id = null where audit_id = 2");
        assertThat(verify().intact()).isTrue();
        // The approval taken out of the chain's reach (the marker of rows audited before V6): the hash no longer matches.
        sql("update counter_act set supervisor_in_chain = 0 where audit_id = 6");
        assertThat(verify().badRow()).isEqualTo(6);
    }
}

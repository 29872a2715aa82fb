package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jp.madoguchi.common.testing.MutableClock;

/** Tampering with the database behind the store's back is found by verifyAudit(). */
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
        sql("update audit_log set clerk_id = 'C999' where id = 3");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(3);
        try (CacheStore store = open()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(store::requireIntactAudit)
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
    void aDeletedRowIsFound() throws Exception {
        sql("delete from audit_log where id = 3");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isEqualTo(3);
    }

    @Test
    void anInsertedRowWithACorrectOwnHashIsFoundAtTheNextRow() throws Exception {
        // The forger renumbers the rows after 2 and inserts a row that links correctly to row 2.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"))) {
            c.createStatement().executeUpdate("update audit_log set id = id + 100 where id >= 3");
            c.createStatement().executeUpdate("update audit_log set id = id - 99 where id >= 100");
            String prev;
            try (ResultSet rs = c.createStatement().executeQuery("select row_hash from audit_log where id = 2")) {
                rs.next();
                prev = rs.getString(1);
            }
            String opId = "01900000-0000-7000-8000-000000000000";
            String rowHash = AuditChain.rowHash(3, prev, opId, 2, "PIN_RESET", "C001", null, 0L, "00");
            try (PreparedStatement p = c.prepareStatement("insert into audit_log (id, op_id, seq, type, clerk_id, occurred_at,"
                    + " content_hash, prev_hash, row_hash) values (3, ?, 2, 'PIN_RESET', 'C001', 0, '00', ?, ?)")) {
                p.setString(1, opId);
                p.setString(2, prev);
                p.setString(3, rowHash);
                p.executeUpdate();
            }
        }
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.badRow()).isIn(3L, 4L);
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
        sql("update audit_log set supervisor_id = 'S002' where id = 6");
        assertThat(verify()).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.badRow()).isEqualTo(6);
        });
        sql("update audit_log set supervisor_id = null where id = 6");
        assertThat(verify().badRow()).isEqualTo(6);
        sql("update audit_log set supervisor_id = 'S001' where id = 6");
        assertThat(verify().intact()).isTrue();
        // Approval added to an act nobody approved.
        sql("update audit_log set supervisor_id = 'S001' where id = 2");
        assertThat(verify().badRow()).isEqualTo(2);
        sql("update audit_log set supervisor_id = null where id = 2");
        // The act row's approver edited behind the audited one.
        sql("update counter_act set supervisor_id = 'S009' where seq = 6");
        assertThat(verify()).satisfies(v -> {
            assertThat(v.badRow()).isEqualTo(6);
            assertThat(v.problem()).contains("supervisor");
        });
    }
}

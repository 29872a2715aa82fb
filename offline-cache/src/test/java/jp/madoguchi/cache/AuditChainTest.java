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
            String rowHash = AuditChain.rowHash(3, prev, opId, 2, "PIN_RESET", "C001", 0L, "00");
            try (PreparedStatement p = c.prepareStatement("insert into audit_log values (3, ?, 2, 'PIN_RESET', 'C001', 0, '00', ?, ?)")) {
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
}

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
            assertThat(rs.getString(1)).isEqualTo("7");
            // V5: an act writes one B-tree per table; the only indexes on them are partial ones that a new
            // (PENDING) entry never touches: CONFLICT and REJECTED (V5), ACKED with its payload kept (V7).
            var indexes = c.createStatement().executeQuery("select name from sqlite_master where type = 'index'"
                    + " and tbl_name in ('counter_act', 'outbox', 'audit_log') order by name");
            List<String> names = new java.util.ArrayList<>();
            while (indexes.next()) {
                names.add(indexes.getString(1));
            }
            assertThat(names).containsExactly("outbox_acked_unpurged", "outbox_conflict", "outbox_rejected");
            var act = c.createStatement().executeQuery("select sql from sqlite_master where name = 'counter_act'");
            act.next();
            assertThat(act.getString(1)).contains("WITHOUT ROWID");
        }
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

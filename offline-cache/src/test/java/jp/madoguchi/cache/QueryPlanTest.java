package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.madoguchi.common.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's sync and summary queries use the indexes meant for them (EXPLAIN QUERY PLAN on the migrated
 * schema): the partial indexes of V5 for the CONFLICT and REJECTED counts and the purge, the primary key for
 * the unsettled range. A plan that scans a table where an index is meant fails here, not in a slow drain.
 * Also: the queue depth the store keeps in memory equals a count of the rows through every state change.
 */
class QueryPlanTest {

    @TempDir
    Path dir;

    private MutableClock clock;

    @BeforeEach
    void clock() {
        clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    }

    private CacheStore open() {
        return CacheStore.open(StoreSettings.defaults(dir, "T01").withClock(clock), Fixtures.key(dir));
    }

    /** The plan's lines (the "detail" column; wording varies a little between SQLite versions), parameters bound. */
    private List<String> plan(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 1; i <= p.getParameterMetaData().getParameterCount(); i++) {
                p.setLong(i, 1);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString("detail"));
                }
            }
            return lines;
        }
    }

    /** A line that reads a whole table: "SCAN outbox" / "SCAN o" without an index ("SCAN CONSTANT ROW" reads no table). */
    private static boolean fullScan(String line) {
        return line.startsWith("SCAN ") && !line.contains(" USING ") && !line.equals("SCAN CONSTANT ROW");
    }

    @Test
    void everyQueryOfTheSyncPathUsesItsIndex() throws Exception {
        try (CacheStore store = open()) {
            for (int i = 1; i <= 30; i++) {
                store.record(Fixtures.delivery(Fixtures.serial(i), i));
            }
        }
        Map<String, String> intended = new java.util.LinkedHashMap<>();
        intended.put(CacheStore.SQL_COUNT_CONFLICT, "INDEX outbox_conflict");
        intended.put(CacheStore.SQL_COUNT_REJECTED, "INDEX outbox_rejected");
        intended.put(CacheStore.SQL_PURGEABLE_ACKED, "SEARCH outbox USING INDEX outbox_acked_unpurged (acked_at<?)");
        intended.put(CacheStore.SQL_PURGEABLE_CONFLICTS, "INDEX outbox_conflict");
        intended.put(CacheStore.SQL_PURGEABLE_REJECTIONS, "INDEX outbox_rejected");
        intended.put(CacheStore.SQL_COUNT_OPEN_CASES, "INDEX follow_up_case_status (status=?)");
        intended.put(CacheStore.SQL_FIRST_UNSETTLED, "SEARCH outbox USING INTEGER PRIMARY KEY (rowid>?)");
        intended.put(CacheStore.SQL_UNSETTLED, "SEARCH outbox USING INTEGER PRIMARY KEY (rowid>?)");
        intended.put(CacheStore.SQL_BATCH, "SEARCH outbox USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
        intended.put(CacheStore.SQL_SETTLE, "SEARCH outbox USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
        intended.put(CacheStore.SQL_MARK_IN_FLIGHT, "SEARCH outbox USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
        intended.put(CacheStore.SQL_LAST_SEQ, "SEARCH outbox");
        // Per act (V9: the act is its outbox row): details(), isOnDisk() and the card of a case, by seq.
        intended.put(CacheStore.SQL_ACT, "SEARCH outbox USING INTEGER PRIMARY KEY (rowid=?)");
        intended.put(CacheStore.SQL_OPEN_CASE, "SEARCH outbox USING INTEGER PRIMARY KEY (rowid=?)");
        for (Map.Entry<String, String> e : intended.entrySet()) {
            List<String> lines = plan(e.getKey());
            assertThat(lines).as(e.getKey()).anyMatch(l -> l.contains(e.getValue())).noneMatch(QueryPlanTest::fullScan);
        }
        // The purge's look-up of the case goes by its key, not through the case table.
        assertThat(plan(CacheStore.SQL_PURGEABLE_CONFLICTS)).anyMatch(l -> l.startsWith("SEARCH k ") && l.contains("INDEX sqlite_autoindex_follow_up_case"));
        // The check can fail: the same count with the state as a parameter cannot use the partial index.
        assertThat(plan("SELECT count(*) FROM outbox WHERE state = ?")).anyMatch(QueryPlanTest::fullScan);
    }

    @Test
    void theAuditWalkAndTheChainHeadGoBySeq() throws Exception {
        try (CacheStore store = open()) {
            for (int i = 1; i <= 30; i++) {
                store.record(Fixtures.delivery(Fixtures.serial(i), i));
            }
        }
        // The walk reads every entry once (it is a check of all of them) in seq order: the table itself, no sort, no
        // second table (V9: the link is on the act's row).
        assertThat(plan(CacheStore.SQL_CHAIN)).containsExactly("SCAN outbox");
        // The head at open: read from the end of the table in seq order, no sort and no index to maintain.
        assertThat(plan(CacheStore.SQL_CHAIN_HEAD)).containsExactly("SCAN outbox");
        // The check can fail: the head taken as the highest audit_id (no index) would sort the whole table.
        assertThat(plan("SELECT audit_id, row_hash FROM outbox WHERE row_hash IS NOT NULL ORDER BY audit_id DESC LIMIT 1"))
                .anyMatch(l -> l.contains("TEMP B-TREE"));
    }

    @Test
    void theDepthKeptInMemoryIsTheCountOfUnsettledRowsThroughEveryChange() throws Exception {
        List<RecordedAct> acts = new ArrayList<>();
        try (CacheStore store = open()) {
            for (int i = 1; i <= 12; i++) {
                acts.add(store.record(Fixtures.delivery(Fixtures.serial(i), i)));
            }
            assertDepth(store, 12);
            store.markInFlight(1, 6);
            assertDepth(store, 12);
            // Answers for 1..6 while 7..9 went out after them: ACKED, DUPLICATE, CONFLICT, REJECTED; 5 and 6 unanswered.
            store.applyOutcomes(1, 6, List.of(
                    new OperationOutcome(acts.get(0).opId().toString(), "APPLIED", null, null, 2L, null),
                    new OperationOutcome(acts.get(1).opId().toString(), "DUPLICATE", "APPLIED", null, null, null),
                    new OperationOutcome(acts.get(2).opId().toString(), "APPLIED_WITH_CONFLICT", null, "CARD_SUSPENDED", 3L, "CASE-9"),
                    new OperationOutcome(acts.get(3).opId().toString(), "REJECTED", null, "UNKNOWN_CARD", null, null),
                    new OperationOutcome(acts.get(0).opId().toString(), "APPLIED", null, null, 2L, null),
                    new OperationOutcome(acts.get(9).opId().toString(), "APPLIED", null, null, null, null)), 7, 9);
            assertDepth(store, 8);
            assertThat(store.entries(1, 12)).extracting(e -> e.seq() + ":" + e.state()).containsExactly("1:ACKED", "2:ACKED",
                    "3:CONFLICT", "4:REJECTED", "5:IN_FLIGHT", "6:IN_FLIGHT", "7:IN_FLIGHT", "8:IN_FLIGHT", "9:IN_FLIGHT",
                    "10:PENDING", "11:PENDING", "12:PENDING");
            assertThat(store.openCases()).extracting(FollowUpCase::caseId, FollowUpCase::cardSerial)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("CASE-9", Fixtures.serial(3)),
                            org.assertj.core.groups.Tuple.tuple("L-" + acts.get(3).opId(), Fixtures.serial(4)));
            assertThat(store.summary().conflicts()).isEqualTo(1);
            assertThat(store.summary().rejected()).isEqualTo(1);
            assertThat(store.summary().oldestPending()).isEqualTo(acts.get(4).occurredAt());
            store.refuse(5, "OP_ID_REUSED", "422");
            store.refuse(5, "OP_ID_REUSED", "422");
            assertDepth(store, 7);
            store.resendFrom(2);
            assertDepth(store, 8);
            assertThat(store.appendAuditHeadIfChanged()).isTrue();
            assertDepth(store, 9);
        }
        try (CacheStore store = open()) {
            assertDepth(store, 9);
        }
    }

    private void assertDepth(CacheStore store, long expected) throws Exception {
        assertThat(store.summary().depth()).isEqualTo(expected);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                ResultSet rs = c.createStatement().executeQuery("select count(*) from outbox where state in ('PENDING', 'IN_FLIGHT')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(expected);
        }
    }
}

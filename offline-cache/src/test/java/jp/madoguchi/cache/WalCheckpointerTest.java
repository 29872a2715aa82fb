package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WAL checkpoints off the commit path: the store's writer connection never checkpoints
 * (wal_autocheckpoint=0), and the checkpointer copies the WAL into the database file once the store is
 * idle, or at its bound however busy the store is, counting every commit of the writer connection (plain JDBC
 * and Hibernate sessions alike: the connection's commit listener). "In the database file" is checked by copying
 * {@code outbox.db} WITHOUT its -wal file and reading the copy: only checkpointed commits are in it.
 */
class WalCheckpointerTest {

    @TempDir
    Path dir;

    @Test
    void theStoresWriterConnectionNeverCheckpointsByItself() {
        try (SqliteDatabase manual = SqliteDatabase.open(dir.resolve("manual.db"), SqliteDatabase.Durability.FULL, 5000, "db/outbox",
                List.of(OutboxRow.class), true);
                SqliteDatabase automatic = SqliteDatabase.open(dir.resolve("auto.db"), SqliteDatabase.Durability.FULL, 5000, "db/outbox",
                        List.of(OutboxRow.class))) {
            assertThat(autocheckpoint(manual)).isZero();
            // The control: SQLite's default for any other connection.
            assertThat(autocheckpoint(automatic)).isEqualTo(1000);
            // Also on the fresh connection that replaces one after a failed write.
            manual.resetConnection();
            assertThat(autocheckpoint(manual)).isZero();
        }
    }

    private static long autocheckpoint(SqliteDatabase db) {
        return db.inJdbcRead(sql -> {
            try (ResultSet rs = sql.prepared("PRAGMA wal_autocheckpoint").executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void anIdleStoreHasItsActsCheckpointedIntoTheDatabaseFile() throws Exception {
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), Fixtures.key(dir))) {
            for (int i = 1; i <= 20; i++) {
                store.record(Fixtures.delivery(Fixtures.serial(i), i));
            }
            // On a loaded machine the store may also have been idle between two of them: wait for the last.
            awaitRowsInDatabaseFileAlone(dir.resolve("outbox.db"), "outbox", 20);
            // The rows reach the file while the checkpoint runs; it is counted once SQLite reports it complete.
            awaitCheckpoints(store::walCheckpoints, 1);
            // Recording goes on after a checkpoint (the checkpointer has started the WAL over, or the commit does).
            store.record(Fixtures.delivery(Fixtures.serial(21), 21));
            assertThat(store.summary().depth()).isEqualTo(21);
        }
    }

    @Test
    void afterAnIdleCheckpointTheCheckpointerStartsTheWalOverSoTheNextCommitDoesNot() throws Exception {
        Path file = dir.resolve("restart.db");
        String url = SqliteDatabase.url(file, SqliteDatabase.Durability.FULL, 5000);
        try (SqliteDatabase db = SqliteDatabase.open(file, SqliteDatabase.Durability.FULL, 5000, "db/outbox", List.of(MetaRow.class), true);
                WalCheckpointer checkpointer = new WalCheckpointer(url, Duration.ofMillis(20), 1000, new ReentrantLock())) {
            db.onEveryCommit(checkpointer::committed);
            insertMeta(db, "before");
            awaitCheckpoints(checkpointer::walStarts, 1);
            insertMeta(db, "after");
            // The WAL was started over by the checkpointer's one-page write (page 1, the header holding user_version), so
            // the store's commit is its second frame, in the same WAL (same salts). Had the commit started the WAL over
            // itself, its own page (store_meta's) would be frame 1.
            byte[] wal = Files.readAllBytes(file.resolveSibling("restart.db-wal"));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(wal);
            int pageSize = b.getInt(8);
            int frame2 = 32 + pageSize + 24;
            assertThat(b.getInt(32)).as("page of frame 1").isEqualTo(1);
            assertThat(wal.length).as("the commit after is frame 2").isGreaterThanOrEqualTo(frame2 + 24 + pageSize);
            assertThat(b.getInt(frame2)).as("page of frame 2").isNotEqualTo(1);
            assertThat(new int[] {b.getInt(frame2 + 8), b.getInt(frame2 + 12)}).as("frame 2 belongs to the current WAL")
                    .containsExactly(b.getInt(16), b.getInt(20));
            assertThat(readMeta(db, "after")).isEqualTo("x");
        }
    }

    private static void insertMeta(SqliteDatabase db, String name) {
        db.inJdbcTransaction(sql -> {
            var insert = sql.prepared("INSERT INTO store_meta (name, value) VALUES (?, 'x')");
            insert.setString(1, name);
            return insert.executeUpdate();
        });
    }

    private static String readMeta(SqliteDatabase db, String name) {
        return db.inJdbcRead(sql -> {
            var query = sql.prepared("SELECT value FROM store_meta WHERE name = ?");
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void theBoundCheckpointsABusyStoreCountingEveryCommitOfTheWriterConnection() throws Exception {
        Path file = dir.resolve("busy.db");
        String url = SqliteDatabase.url(file, SqliteDatabase.Durability.FULL, 5000);
        try (SqliteDatabase db = SqliteDatabase.open(file, SqliteDatabase.Durability.FULL, 5000, "db/outbox", List.of(MetaRow.class), true);
                // Idle never comes within this test: only the bound of 50 commits can start a checkpoint.
                WalCheckpointer checkpointer = new WalCheckpointer(url, Duration.ofHours(1), 50, new ReentrantLock())) {
            db.onEveryCommit(checkpointer::committed);
            // 40 commits in plain JDBC (the hot path's kind), then Hibernate sessions (cases, purge): those 40 alone
            // stay below the bound, so only counted session commits can cross it.
            for (int i = 1; i <= 40; i++) {
                String name = "jdbc-" + i;
                db.inJdbcTransaction(sql -> {
                    var insert = sql.prepared("INSERT INTO store_meta (name, value) VALUES (?, randomblob(300))");
                    insert.setString(1, name);
                    return insert.executeUpdate();
                });
            }
            Thread.sleep(300);
            assertThat(checkpointer.checkpoints()).as("below the bound and never idle").isZero();
            assertThat(rowsInDatabaseFileAlone(file, "store_meta")).as("nothing checkpointed yet").isZero();
            for (int i = 1; i <= 10; i++) {
                MetaRow row = new MetaRow("session-" + i, "x".repeat(300));
                db.sessions().inTransaction(s -> s.persist(row));
            }
            awaitCheckpoints(checkpointer::checkpoints, 1);
            // The checkpoint copied every commit made before the session commit that crossed the bound.
            assertThat(rowsInDatabaseFileAlone(file, "store_meta")).isGreaterThan(40);
        }
    }

    @Test
    void aBurstWithoutPausesKeepsTheWalWithinTheBound() throws Exception {
        Path file = dir.resolve("burst.db");
        String url = SqliteDatabase.url(file, SqliteDatabase.Durability.FULL, 5000);
        ReentrantLock writers = new ReentrantLock(true);
        int commits = 2000;
        try (SqliteDatabase db = SqliteDatabase.open(file, SqliteDatabase.Durability.FULL, 5000, "db/outbox", List.of(MetaRow.class), true);
                // Idle never comes: the writer commits back to back, as the store's writers do, each under the lock.
                WalCheckpointer checkpointer = new WalCheckpointer(url, Duration.ofHours(1), 50, writers)) {
            db.onEveryCommit(checkpointer::committed);
            for (int i = 1; i <= commits; i++) {
                String name = "burst-" + i;
                writers.lock();
                try {
                    db.inJdbcTransaction(sql -> {
                        var insert = sql.prepared("INSERT INTO store_meta (name, value) VALUES (?, randomblob(300))");
                        insert.setString(1, name);
                        return insert.executeUpdate();
                    });
                } finally {
                    writers.unlock();
                }
            }
            // The WAL file never shrinks (a restarted WAL is written over from its start), so its size is the most it
            // ever held. Unchecked, 2 000 one-row commits append about 2 400 frames; bounded, a few hundred.
            long pageSize = 4096;
            long frames = (Files.size(file.resolveSibling("burst.db-wal")) - 32) / (pageSize + 24);
            assertThat(frames).as("WAL frames after %d commits without a pause", commits).isLessThan(commits / 4);
            assertThat(checkpointer.checkpoints()).isPositive();
        }
    }

    private static void awaitCheckpoints(java.util.function.LongSupplier done, long expected) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (done.getAsLong() < expected && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(done.getAsLong()).as("complete checkpoints").isGreaterThanOrEqualTo(expected);
    }

    private void awaitRowsInDatabaseFileAlone(Path file, String table, long expected) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            try {
                if (rowsInDatabaseFileAlone(file, table) >= expected) {
                    break;
                }
            } catch (java.sql.SQLException torn) {
                // Copied while a checkpoint was writing the file: copy again.
            }
            Thread.sleep(50);
        }
        assertThat(rowsInDatabaseFileAlone(file, table)).as("rows checkpointed into " + file.getFileName()).isEqualTo(expected);
    }

    /** Rows of {@code table} in a copy of the database file made without its WAL: what checkpoints put there. */
    private long rowsInDatabaseFileAlone(Path file, String table) throws Exception {
        Path copy = Files.createTempDirectory(dir, "copy").resolve("alone.db");
        Files.copy(file, copy);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); ResultSet rs = c.createStatement()
                .executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

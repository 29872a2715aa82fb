package jp.madoguchi.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the outbox's WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside the
 * commit that crosses {@code wal_autocheckpoint} pages (two more fsyncs and the copy of the pages into the
 * database file, on the clerk's {@code record()}); an act writes several B-tree pages, so it crossed that
 * line four times as often as a one-row commit. The store's writer connection therefore has
 * {@code wal_autocheckpoint=0} and this class checkpoints on a thread and connection of its own:
 *
 * <ul>
 *   <li>a {@code PASSIVE} checkpoint once the store has had no commit for {@code idle} (the counter
 *       between two residents), which never takes the write lock, so a {@code record()} arriving
 *       meanwhile is not held up by it;</li>
 *   <li>the bound: after {@code bound} commits without a complete checkpoint, busy or not, a {@code RESTART}
 *       one while this thread holds the store's write lock ({@code writers}): no write is in flight, so it
 *       copies every frame and the next write starts the WAL from its beginning. A checkpoint that runs
 *       beside a writer committing back to back copies what was there when it began, but the writer has
 *       appended more by then, so no write ever finds the WAL fully copied and SQLite never restarts it:
 *       measured, 2 000 commits in a row grew it to 4 680 frames although every such checkpoint reported
 *       itself complete (session 7), and the enqueue bench's untimed warm-up grew it to 100 MB. Holding the
 *       lock keeps the WAL within {@code bound} commits' frames however long a burst lasts; the write that
 *       waits for that checkpoint is the price, once per {@code bound} commits of a burst, never at a
 *       counter's pace (one act per resident, with idle checkpoints between).</li>
 * </ul>
 *
 * After a complete checkpoint this thread also starts the WAL over itself, while it holds the write lock: the first
 * write after a complete checkpoint rewrites the WAL's header and, with {@code synchronous=FULL}, fsyncs it before
 * its own frames, one fsync more than any other commit. At a counter every act comes after an idle checkpoint, so
 * every act paid it (measured: the first commit after a checkpoint 0.3 ms slower than one after the same pause
 * without; session 8). The write that pays it here is {@code PRAGMA user_version} set to its own value: one page,
 * no data changed. It is skipped when a writer holds the lock (that writer starts the WAL over itself).
 *
 * Durability is unchanged: a commit is durable once its frames are fsynced in the WAL (synchronous=FULL);
 * a checkpoint only copies committed pages into the database file. A failed checkpoint (disk full,
 * read-only) is logged and tried again later; it never fails an act.
 *
 * <p>Threads: {@link #committed()} is called at each commit of the store's writer connection (its commit
 * listener, {@link SqliteDatabase#onEveryCommit}: Hibernate sessions and plain JDBC alike); everything else runs
 * on the {@code cache-checkpoint} thread. {@link #close()} stops it and closes its connection.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    /** No commit for this long and the store counts as idle. */
    static final Duration IDLE = Duration.ofMillis(50);
    /** Commits without a complete checkpoint before one runs whether the store is idle or not (~1.2 pages per act, V9). */
    static final long BOUND = 1000;

    private final String url;
    private final Lock writers;
    private final long idleNanos;
    private final long bound;
    private final Object signal = new Object();
    private final AtomicLong commitsSinceCheckpoint = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLong walStarts = new AtomicLong();
    private volatile long lastCommitNanos = System.nanoTime();
    private volatile boolean closed;
    private final Thread thread;
    private Connection connection;
    private boolean failing;
    private boolean walStartFailing;

    /** {@code writers}: the lock every writer of the store holds for its transaction (CacheStore's write lock). */
    WalCheckpointer(String url, Duration idle, long bound, Lock writers) {
        this.url = url;
        this.writers = writers;
        this.idleNanos = idle.toNanos();
        this.bound = bound;
        this.thread = new Thread(this::run, "cache-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * At each commit of the store's writer connection (on the committing thread, inside SQLite's commit hook:
     * no database call here): restarts the idle wait; wakes the thread for the first commit and at the bound.
     */
    void committed() {
        lastCommitNanos = System.nanoTime();
        long n = commitsSinceCheckpoint.incrementAndGet();
        if (n == 1 || n >= bound) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    /** Complete checkpoints so far (every WAL frame copied into the database file). */
    long checkpoints() {
        return checkpoints.get();
    }

    private void run() {
        try {
            while (!closed) {
                long pending = commitsSinceCheckpoint.get();
                long quiet = System.nanoTime() - lastCommitNanos;
                if (pending > 0 && (quiet >= idleNanos || pending >= bound)) {
                    boolean complete = pending >= bound ? checkpointHoldingWriters(pending) : checkpoint(pending, "PASSIVE");
                    if (complete && pending < bound && writers.tryLock()) {
                        try {
                            startWalOver();
                        } finally {
                            writers.unlock();
                        }
                    }
                    if (pending >= bound || !complete) {
                        // A burst is going on, or a reader still holds older frames: one checkpoint per idle
                        // period at most, not back to back.
                        waitMillis(idleNanos / 1_000_000 + 1);
                    }
                    continue;
                }
                synchronized (signal) {
                    if (closed) {
                        return;
                    }
                    if (commitsSinceCheckpoint.get() == 0) {
                        signal.wait();
                    } else if (commitsSinceCheckpoint.get() < bound) {
                        signal.wait(Math.max(1, (idleNanos - quiet) / 1_000_000 + 1));
                    }
                }
            }
        } catch (InterruptedException e) {
            // close(): stop.
        }
    }

    /** A RESTART checkpoint while no write is in flight: the store's writers wait for it. */
    private boolean checkpointHoldingWriters(long pending) throws InterruptedException {
        writers.lockInterruptibly();
        try {
            boolean complete = checkpoint(pending, "RESTART");
            if (complete) {
                startWalOver();
            }
            return complete;
        } finally {
            writers.unlock();
        }
    }

    /**
     * Right after a complete checkpoint, with the write lock held (no write in flight): a one-page write, so that the
     * WAL's new header and its fsync are paid here and not by the next act. A failure is logged once until one
     * succeeds, like a failed checkpoint; the next act then starts the WAL over as SQLite does.
     */
    private void startWalOver() {
        try (Statement s = connection.createStatement()) {
            int version;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            s.execute("PRAGMA user_version = " + version);
            walStarts.incrementAndGet();
            walStartFailing = false;
        } catch (SQLException e) {
            if (!walStartFailing) {
                LOG.warn("starting the WAL over after a checkpoint failed (the next act does it): {}", e.getMessage());
            }
            walStartFailing = true;
        }
    }

    /** How many times this thread started the WAL over after a complete checkpoint. */
    long walStarts() {
        return walStarts.get();
    }

    private void waitMillis(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!closed) {
                signal.wait(millis);
            }
        }
    }

    /** One checkpoint; true when every WAL frame was copied into the database file. */
    private boolean checkpoint(long pending, String mode) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url);
            }
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
                // (busy, frames in the WAL, frames copied into the database): complete when all were copied.
                if (rs.next() && rs.getInt(1) == 0 && rs.getInt(2) == rs.getInt(3)) {
                    commitsSinceCheckpoint.addAndGet(-pending);
                    checkpoints.incrementAndGet();
                    failing = false;
                    return true;
                }
            }
            failing = false;
            return false;
        } catch (SQLException e) {
            if (!failing) {
                LOG.warn("WAL checkpoint failed (tried again later; recording is not affected): {}", e.getMessage());
            }
            failing = true;
            closeConnection();
            try {
                waitMillis(idleNanos / 1_000_000 * 20 + 1);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Dropped after a failure: the next checkpoint opens a fresh one.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}

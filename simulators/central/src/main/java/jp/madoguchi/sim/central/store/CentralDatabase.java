package jp.madoguchi.sim.central.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The central system's durable state: one SQLite file in WAL mode with {@code synchronous=FULL}, so a
 * committed transaction survives a power cut. All writes go through one writer thread (SQLite allows
 * one writer; queuing them here instead of in SQLITE_BUSY retries keeps latency predictable), in
 * IMMEDIATE transactions with group commit. Reads use a separate connection and see the last
 * committed state.
 *
 * <p>Thread safety: {@link #write} and {@link #read} may be called from any thread; writes are
 * serialised in submission order, reads are serialised among themselves.
 */
public final class CentralDatabase implements AutoCloseable {

    /** One unit of work on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS office (code TEXT PRIMARY KEY, type TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS terminal (office_code TEXT NOT NULL, terminal_id TEXT NOT NULL,"
                + " acked_seq INTEGER NOT NULL, PRIMARY KEY (office_code, terminal_id))",
        "CREATE TABLE IF NOT EXISTS operation (op_id TEXT PRIMARY KEY, office_code TEXT NOT NULL,"
                + " terminal_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL,"
                + " outcome TEXT NOT NULL, reason TEXT, case_id TEXT, card_status_version INTEGER,"
                + " received_at INTEGER NOT NULL, UNIQUE (office_code, terminal_id, seq))",
        "CREATE TABLE IF NOT EXISTS application (application_id TEXT PRIMARY KEY, office_code TEXT NOT NULL,"
                + " status TEXT NOT NULL, reason TEXT, version INTEGER NOT NULL, kind TEXT, express INTEGER NOT NULL,"
                + " received_on TEXT)",
        "CREATE TABLE IF NOT EXISTS card (card_serial TEXT PRIMARY KEY, office_code TEXT NOT NULL,"
                + " application_id TEXT, status TEXT NOT NULL, reason TEXT, version INTEGER NOT NULL,"
                + " birth_date TEXT NOT NULL, valid_to TEXT NOT NULL, issued_on TEXT NOT NULL,"
                + " express INTEGER NOT NULL, pins_preset INTEGER NOT NULL, overseas INTEGER NOT NULL,"
                + " face_auth INTEGER NOT NULL, resident TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS certificate (cert_serial TEXT PRIMARY KEY, card_serial TEXT NOT NULL,"
                + " kind TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, version INTEGER NOT NULL,"
                + " not_after INTEGER NOT NULL, der BLOB NOT NULL, revoked_at INTEGER)",
        "CREATE INDEX IF NOT EXISTS certificate_card ON certificate (card_serial, kind)",
        "CREATE TABLE IF NOT EXISTS cert_request (request_id TEXT PRIMARY KEY, csr_sha256 TEXT NOT NULL,"
                + " cert_serial TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS feed_event (event_id INTEGER PRIMARY KEY AUTOINCREMENT,"
                + " office_code TEXT NOT NULL, body TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS feed_event_office ON feed_event (office_code, event_id)",
        "CREATE TABLE IF NOT EXISTS follow_up_case (case_id TEXT PRIMARY KEY, office_code TEXT NOT NULL,"
                + " op_id TEXT NOT NULL, terminal_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,"
                + " card_serial TEXT, reason TEXT NOT NULL, status TEXT NOT NULL, opened_at INTEGER NOT NULL,"
                + " closed_by TEXT, resolution TEXT, closed_at INTEGER)",
        "CREATE TABLE IF NOT EXISTS case_note (case_id TEXT NOT NULL, staff_id TEXT NOT NULL, text TEXT NOT NULL,"
                + " noted_at INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS sequence_counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    };

    /** One submitted write and the future its caller waits on. */
    private static final class Task<T> {
        final Work<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();
        T value;

        Task(Work<T> work) {
            this.work = work;
        }
    }

    private static final int GROUP_MAX = 32;

    private final Connection writer;
    private final Connection reader;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writerThread;
    private volatile boolean closed;

    private CentralDatabase(Connection writer, Connection reader) {
        this.writer = writer;
        this.reader = reader;
        this.writerThread = new Thread(this::writeLoop, "central-db-writer");
        this.writerThread.setDaemon(true);
        this.writerThread.start();
    }

    /** Opens (creating if needed) {@code DIR/central.db}. */
    public static CentralDatabase open(Path dataDir) throws SQLException, java.io.IOException {
        Files.createDirectories(dataDir);
        String url = jdbcUrl(dataDir.resolve("central.db"));
        // Auto-commit stays on and transactions are explicit: with it off, sqlite-jdbc would open the next
        // IMMEDIATE transaction right after each commit and hold the write lock while idle, locking out
        // `./mado central enrol` or `make-cards` run from another process.
        Connection writer = statementCaching(DriverManager.getConnection(url));
        try (Statement s = writer.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
            s.execute("COMMIT");
        }
        Connection reader = statementCaching(DriverManager.getConnection(url));
        return new CentralDatabase(writer, reader);
    }

    /**
     * Wraps a connection so that {@code prepareStatement(sql)} hands out one cached statement per SQL
     * text whose {@code close()} only resets it: sqlite-jdbc compiles every prepare anew, which was
     * the largest cost per operation in the ingest. Safe because each connection is used by one
     * thread at a time (the writer thread, or the reader under its lock) and statements are used
     * one at a time.
     */
    private static Connection statementCaching(Connection raw) {
        return (Connection) Proxy.newProxyInstance(CentralDatabase.class.getClassLoader(), new Class<?>[] {Connection.class},
                new StatementCache(raw));
    }

    /** The statement cache behind a {@link #statementCaching} connection; confined like its connection. */
    private static final class StatementCache implements InvocationHandler {
        private final Connection raw;
        private final Map<String, PreparedStatement> wrapped = new HashMap<>();
        private final Map<String, PreparedStatement> unwrapped = new HashMap<>();

        StatementCache(Connection raw) {
            this.raw = raw;
        }

        /** The cached statement itself, compiled on first use. */
        PreparedStatement unwrapped(String sql) throws SQLException {
            PreparedStatement real = unwrapped.get(sql);
            if (real == null) {
                real = raw.prepareStatement(sql);
                unwrapped.put(sql, real);
                wrapped.put(sql, reusable(real));
            }
            return real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if ("prepareStatement".equals(method.getName()) && args != null && args.length == 1) {
                String sql = (String) args[0];
                unwrapped(sql);
                return wrapped.get(sql);
            }
            if ("close".equals(method.getName())) {
                for (PreparedStatement ps : unwrapped.values()) {
                    ps.close();
                }
                unwrapped.clear();
                wrapped.clear();
            }
            try {
                return method.invoke(raw, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /**
     * The connection's cached statement for {@code sql} itself, not the wrapper whose {@code close()}
     * resets it: for the ingest's per-operation statements, where each call through the proxies'
     * reflection cost about a tenth of the writer thread. The statement is found through the
     * connection's invocation handler, so not even {@code prepareStatement} goes through the proxy (that
     * call was a sixth of the writer's samples in the drain bench). The caller must not close it and
     * must set every parameter on each use (old values stay bound otherwise). Writer thread only, on a
     * connection of this class.
     */
    public static PreparedStatement direct(Connection connection, String sql) throws SQLException {
        return ((StatementCache) Proxy.getInvocationHandler(connection)).unwrapped(sql);
    }

    private static PreparedStatement reusable(PreparedStatement real) {
        return (PreparedStatement) Proxy.newProxyInstance(CentralDatabase.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            real.clearParameters();
                            return null;
                        case "unwrap":
                            return real;
                        default:
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    /**
     * The settings travel in the URL because sqlite-jdbc applies them on every connection it opens
     * (a multi-statement PRAGMA would only apply its first statement). Generated keys are off: the
     * driver would otherwise compile and run {@code SELECT last_insert_rowid()} after every insert.
     * The page cache is 64 MiB per connection instead of SQLite's 2 MiB: a workstation's opIds are
     * UUIDv7 and land near the right edge of the opId index, but random (v4) ids from another client
     * land each on a random leaf; with those and the small cache the writer thread spent half its CPU
     * in the kernel reading such pages back (a third with this one; the rest is the WAL's writes and
     * fsyncs). Durability does not depend on it.
     */
    public static String jdbcUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=FULL&busy_timeout=10000&foreign_keys=true&cache_size=-65536"
                + "&transaction_mode=IMMEDIATE&jdbc.get_generated_keys=false";
    }

    /**
     * Runs {@code work} on the writer thread inside an IMMEDIATE transaction and returns its result
     * once that transaction is durably committed. Writes that queue up while one commit is in
     * progress are run together in the next transaction, each inside its own savepoint (group
     * commit): one fsync then covers several callers, and a task that throws is rolled back alone.
     * Tasks run in submission order.
     */
    public <T> T write(Work<T> work) throws Exception {
        if (closed) {
            throw new IllegalStateException("the central database is closed");
        }
        Task<T> task = new Task<>(work);
        queue.add(task);
        try {
            return task.result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    private void writeLoop() {
        List<Task<?>> group = new ArrayList<>();
        while (true) {
            group.clear();
            try {
                Task<?> first = queue.take();
                if (first.work == null) {
                    return;
                }
                group.add(first);
                queue.drainTo(group, GROUP_MAX - 1);
            } catch (InterruptedException e) {
                return;
            }
            runGroup(group);
        }
    }

    private void runGroup(List<Task<?>> group) {
        List<Task<?>> succeeded = new ArrayList<>();
        boolean stop = false;
        try (Statement s = writer.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            for (Task<?> task : group) {
                if (task.work == null) {
                    stop = true;
                    continue;
                }
                s.execute("SAVEPOINT task");
                try {
                    run(task);
                    s.execute("RELEASE task");
                    succeeded.add(task);
                } catch (Exception | Error e) {
                    s.execute("ROLLBACK TO task");
                    s.execute("RELEASE task");
                    task.result.completeExceptionally(e);
                }
            }
            s.execute("COMMIT");
        } catch (SQLException e) {
            try (Statement s = writer.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            for (Task<?> task : group) {
                if (task.work != null && !task.result.isDone()) {
                    task.result.completeExceptionally(e);
                }
            }
            succeeded.clear();
        }
        for (Task<?> task : succeeded) {
            complete(task);
        }
        if (stop) {
            queue.add(new Task<>(null));
        }
    }

    private <T> void run(Task<T> task) throws Exception {
        task.value = task.work.run(writer);
    }

    private static <T> void complete(Task<T> task) {
        task.result.complete(task.value);
    }

    /** Runs {@code work} on the read connection (auto-commit: each statement sees the latest commit). */
    public <T> T read(Work<T> work) throws Exception {
        synchronized (reader) {
            return work.run(reader);
        }
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        queue.add(new Task<>(null));
        try {
            writerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (reader) {
            reader.close();
        }
        writer.close();
    }
}

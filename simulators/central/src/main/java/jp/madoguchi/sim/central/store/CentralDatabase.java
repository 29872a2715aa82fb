package jp.madoguchi.sim.central.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The central system's durable state: one SQLite file in WAL mode with {@code synchronous=FULL}, so a
 * committed transaction survives a power cut. All writes go through one writer thread (SQLite allows
 * one writer; queuing them here instead of in SQLITE_BUSY retries keeps latency predictable), each
 * as an IMMEDIATE transaction. Reads use a separate connection and see the last committed state.
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

    private final Connection writer;
    private final Connection reader;
    private final ExecutorService writerThread;

    private CentralDatabase(Connection writer, Connection reader) {
        this.writer = writer;
        this.reader = reader;
        this.writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "central-db-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating if needed) {@code DIR/central.db}. */
    public static CentralDatabase open(Path dataDir) throws SQLException, java.io.IOException {
        Files.createDirectories(dataDir);
        String url = jdbcUrl(dataDir.resolve("central.db"));
        Connection writer = DriverManager.getConnection(url);
        writer.setAutoCommit(false);
        try (Statement s = writer.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
        }
        writer.commit();
        Connection reader = DriverManager.getConnection(url);
        return new CentralDatabase(writer, reader);
    }

    /**
     * The settings travel in the URL because sqlite-jdbc applies them on every connection it opens
     * (a multi-statement PRAGMA would only apply its first statement).
     */
    public static String jdbcUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=FULL&busy_timeout=10000&foreign_keys=true"
                + "&transaction_mode=IMMEDIATE";
    }

    /** Runs {@code work} in one IMMEDIATE transaction on the writer thread; commits or rolls back. */
    public <T> T write(Work<T> work) throws Exception {
        Future<T> f = writerThread.submit(() -> {
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (Exception | Error e) {
                writer.rollback();
                throw e;
            }
        });
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    /** Runs {@code work} on the read connection (auto-commit: each statement sees the latest commit). */
    public <T> T read(Work<T> work) throws Exception {
        synchronized (reader) {
            return work.run(reader);
        }
    }

    @Override
    public void close() throws SQLException {
        writerThread.shutdown();
        try {
            writerThread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (reader) {
            reader.close();
        }
        writer.close();
    }
}

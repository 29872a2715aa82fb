package jp.madoguchi.cache;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.madoguchi.common.MadoguchiException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteException;

/**
 * One SQLite file: its pragmas, its versioned migrations (Flyway owns the schema; Hibernate never
 * generates DDL) and a Hibernate session factory over ONE connection. The caller confines every use
 * to one thread (the store's writer thread), which is why one connection suffices and why no two
 * transactions ever contend inside this process.
 *
 * <p>The store's hot insert path (recording an act) uses {@link #inJdbcTransaction} instead of a
 * session: the same connection, an explicit {@code BEGIN IMMEDIATE … COMMIT}, and statements
 * prepared once per connection. A Hibernate session per act cost more than the fsynced commit itself
 * (session and transaction set-up, dirty checking, and sqlite-jdbc compiling every statement anew).
 */
final class SqliteDatabase implements AutoCloseable {

    /** How hard a commit is pushed to the disk. */
    enum Durability {
        /** The outbox: a commit is fsynced (WAL + synchronous=FULL), so it survives power loss. */
        FULL,
        /** Re-fetchable data (the read cache): WAL + synchronous=NORMAL may lose the last commits on power loss, never corrupts. */
        NORMAL
    }

    private final Path file;
    private final SingleConnectionProvider provider;
    private final SessionFactory sessions;
    private final StandardServiceRegistry registry;

    private SqliteDatabase(Path file, SingleConnectionProvider provider, StandardServiceRegistry registry, SessionFactory sessions) {
        this.file = file;
        this.provider = provider;
        this.registry = registry;
        this.sessions = sessions;
    }

    /**
     * The JDBC URL with every pragma the file needs. sqlite-jdbc applies URL pragmas on each
     * connection it opens, so Flyway's connections and ours behave the same. Generated keys are off:
     * every id is assigned by the application, and the driver would otherwise compile and run
     * {@code SELECT last_insert_rowid()} after each insert (three per recorded act).
     */
    static String url(Path file, Durability durability, long busyTimeoutMillis) {
        return "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL"
                + "&synchronous=" + durability.name()
                + "&busy_timeout=" + busyTimeoutMillis
                + "&foreign_keys=true"
                + "&transaction_mode=IMMEDIATE"
                + "&jdbc.get_generated_keys=false";
    }

    /** {@link #open(Path, Durability, long, String, List, boolean)} with SQLite's automatic WAL checkpoints. */
    static SqliteDatabase open(Path file, Durability durability, long busyTimeoutMillis, String migrations,
            List<Class<?>> entities) {
        return open(file, durability, busyTimeoutMillis, migrations, entities, false);
    }

    /**
     * Opens (creating and migrating) the file. With {@code manualCheckpoints} the connection's
     * {@code wal_autocheckpoint} is 0: no commit of ours checkpoints the WAL, and the caller runs the
     * checkpoints elsewhere ({@link WalCheckpointer}). The pragma is per connection, hence set on each one
     * this class opens (it is not a URL parameter of sqlite-jdbc).
     */
    static SqliteDatabase open(Path file, Durability durability, long busyTimeoutMillis, String migrations,
            List<Class<?>> entities, boolean manualCheckpoints) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new MadoguchiException(CacheFailure.DATA_DIR_READ_ONLY, Map.of("path", file.getParent()), e);
        }
        String url = url(file, durability, busyTimeoutMillis);
        migrate(file, url, migrations);
        SingleConnectionProvider provider = new SingleConnectionProvider(url, file, manualCheckpoints);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.CONNECTION_PROVIDER, provider)
                .applySetting(AvailableSettings.DIALECT, SQLiteDialect.class.getName())
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.SHOW_SQL, "false")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, "50")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            return new SqliteDatabase(file, provider, registry, sources.buildMetadata().buildSessionFactory());
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            provider.close();
            throw translate(e, file);
        }
    }

    private static void migrate(Path file, String url, String migrations) {
        Flyway flyway = Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:" + migrations)
                .loggers("slf4j")
                .load();
        try {
            for (MigrationInfo applied : flyway.info().applied()) {
                if (applied.getState() == MigrationState.FUTURE_SUCCESS || applied.getState() == MigrationState.FUTURE_FAILED) {
                    throw new MadoguchiException(CacheFailure.SCHEMA_TOO_NEW, Map.of("version", String.valueOf(applied.getVersion())));
                }
            }
            flyway.migrate();
        } catch (FlywayException e) {
            MadoguchiException storage = findStorageCause(e, file);
            if (storage != null) {
                throw storage;
            }
            throw new MadoguchiException(CacheFailure.MIGRATION_FAILED, Map.of("version", migrations), e);
        }
    }

    /**
     * Calls {@code hook} at every commit of this file's connection, whatever made it: {@link #inJdbcTransaction},
     * a Hibernate session, an auto-commit statement. Only for a file opened with manual checkpoints (its
     * {@link WalCheckpointer} counts the commits); set once, before use. The hook is sqlite-jdbc's per-connection
     * commit listener (SQLite's commit hook): it runs on the committing thread, inside the COMMIT, just before
     * SQLite writes and fsyncs the commit, so it must be quick and must not use the connection. A commit that
     * then fails was counted all the same, which only brings the next checkpoint forward. A transaction that
     * wrote nothing counts too (with {@code transaction_mode=IMMEDIATE} SQLite cannot tell it from a write).
     */
    void onEveryCommit(Runnable hook) {
        if (!provider.manualCheckpoints) {
            throw new IllegalStateException("commits are counted only on a file with manual checkpoints: " + file);
        }
        provider.commitHook = hook;
    }

    SessionFactory sessions() {
        return sessions;
    }

    /** Work inside {@link #inJdbcTransaction}: statements come from {@link Statements#prepared}. */
    interface JdbcWork<T> {
        T run(Statements statements) throws SQLException;
    }

    /** Prepared statements of the current connection, compiled on first use and kept until the connection is replaced. */
    interface Statements {
        PreparedStatement prepared(String sql) throws SQLException;
    }

    /**
     * Runs {@code work} in ONE {@code BEGIN IMMEDIATE … COMMIT} on the file's connection, with cached
     * prepared statements, and returns its result once the commit returned (with synchronous=FULL: on
     * disk). Any failure rolls back what can still be rolled back and is rethrown with SQLite's
     * exception as its cause (for {@link #translate}); the caller then {@link #resetConnection()}s.
     * Same thread confinement as {@link #sessions()}; never called while a session is open.
     */
    <T> T inJdbcTransaction(JdbcWork<T> work) {
        try {
            provider.getConnection();
            // BEGIN and COMMIT are prepared once per connection like the work's statements: Statement#execute(String)
            // compiled them anew at every act and ran sqlite-jdbc's regular-expression check for its own extended
            // commands first (about 10 µs of CPU per act, measured).
            provider.prepared("BEGIN IMMEDIATE").execute();
            try {
                T result = work.run(provider::prepared);
                provider.prepared("COMMIT").execute();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(provider.control(), e);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite: " + e.getMessage(), e);
        }
    }

    /**
     * Runs read-only {@code work} on the file's connection with cached prepared statements, outside any
     * explicit transaction (each statement reads one consistent snapshot; every write of this process
     * runs on the same thread, so nothing of ours changes between two of them). Same thread confinement
     * as {@link #sessions()}; callers close the result sets they open.
     */
    <T> T inJdbcRead(JdbcWork<T> work) {
        try {
            provider.getConnection();
            return work.run(provider::prepared);
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Statement control, Exception failure) {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may have rolled back by itself (SQLITE_FULL, I/O error): nothing left to undo.
            failure.addSuppressed(e);
        }
    }

    /**
     * Drops the connection after a failed write and opens a fresh one on next use. After SQLITE_FULL,
     * SQLITE_BUSY or an I/O error SQLite may have rolled the transaction back by itself while the JDBC
     * driver still believes one is open; statements on such a connection would each commit alone.
     * A new connection has no such state.
     */
    void resetConnection() {
        provider.close();
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        sessions.close();
        StandardServiceRegistryBuilder.destroy(registry);
        provider.close();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing after a failure: the original failure is what matters.
        }
    }

    /** Maps a storage failure anywhere in {@code t}'s cause chain to its coded error. */
    static MadoguchiException translate(Throwable t, Path file) {
        if (t instanceof MadoguchiException m) {
            return m;
        }
        MadoguchiException storage = findStorageCause(t, file);
        return storage != null ? storage : new MadoguchiException(CacheFailure.STORAGE_FAILURE, Map.of(), t);
    }

    private static MadoguchiException findStorageCause(Throwable t, Path file) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MadoguchiException m) {
                return m;
            }
            if (c instanceof SQLiteException e) {
                String code = e.getResultCode().name();
                String text = String.valueOf(e.getMessage());
                if (code.startsWith("SQLITE_FULL") || text.contains("disk is full") || diskIsFull(file)) {
                    return new MadoguchiException(CacheFailure.DISK_FULL, Map.of(), t);
                }
                if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
                    return new MadoguchiException(CacheFailure.DATABASE_LOCKED, Map.of(), t);
                }
                if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_PERM")) {
                    return new MadoguchiException(CacheFailure.DATA_DIR_READ_ONLY, Map.of("path", file.getParent()), t);
                }
                if (code.startsWith("SQLITE_CORRUPT") || code.startsWith("SQLITE_NOTADB")) {
                    return new MadoguchiException(CacheFailure.CORRUPTED_ROW, Map.of("seq", "-"), t);
                }
                return new MadoguchiException(CacheFailure.STORAGE_FAILURE, Map.of(), t);
            }
            if (c instanceof FileSystemException) {
                return new MadoguchiException(CacheFailure.DATA_DIR_READ_ONLY, Map.of("path", file.getParent()), t);
            }
        }
        return null;
    }

    /**
     * Asks the file system and the database lock what is wrong when the driver's error said nothing
     * useful: read-only, full, or write-locked by another process. Null when none of these holds.
     */
    static CacheFailure probe(Path file, long busyTimeoutMillis) {
        try {
            if (Files.getFileStore(file.getParent()).isReadOnly() || Files.exists(file) && !Files.isWritable(file)) {
                return CacheFailure.DATA_DIR_READ_ONLY;
            }
        } catch (IOException e) {
            return CacheFailure.DATA_DIR_READ_ONLY;
        }
        if (diskIsFull(file)) {
            return CacheFailure.DISK_FULL;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath() + "?busy_timeout=" + busyTimeoutMillis)) {
            c.createStatement().execute("BEGIN IMMEDIATE");
            c.createStatement().execute("ROLLBACK");
            return null;
        } catch (SQLException e) {
            String text = String.valueOf(e.getMessage());
            return text.contains("SQLITE_BUSY") || text.contains("locked") ? CacheFailure.DATABASE_LOCKED : null;
        }
    }

    /** SQLite reports ENOSPC in the WAL as a generic I/O error; the file system tells the truth. */
    private static boolean diskIsFull(Path file) {
        try {
            return Files.getFileStore(file.getParent()).getUsableSpace() < 64 * 1024;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Hands Hibernate the one connection and never closes it between sessions. A connection found
     * outside auto-commit when a session starts is left over from a failed transaction (see
     * {@link #resetConnection()}) and is replaced before use. It also keeps the connection's prepared
     * statements for {@link #inJdbcTransaction}; they go with the connection.
     */
    private static final class SingleConnectionProvider implements ConnectionProvider {
        private final String url;
        private final transient Path file;
        private transient Connection connection;
        private final transient java.util.Map<String, PreparedStatement> statements = new HashMap<>();
        private transient Statement control;
        private final boolean manualCheckpoints;
        /** Set once by {@link #onEveryCommit} before use; read by the commit listener of every connection. */
        private volatile Runnable commitHook = () -> { };

        SingleConnectionProvider(String url, Path file, boolean manualCheckpoints) {
            this.url = url;
            this.file = file;
            this.manualCheckpoints = manualCheckpoints;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (connection != null && (connection.isClosed() || !connection.getAutoCommit())) {
                close();
            }
            if (connection == null) {
                Connection c = DriverManager.getConnection(url);
                if (manualCheckpoints) {
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA wal_autocheckpoint=0");
                        // On each connection, also the one that replaces a failed one: every commit is counted.
                        c.unwrap(SQLiteConnection.class).addCommitListener(new SQLiteCommitListener() {
                            @Override
                            public void onCommit() {
                                commitHook.run();
                            }

                            @Override
                            public void onRollback() {
                                // Nothing reached the WAL.
                            }
                        });
                    } catch (SQLException e) {
                        closeQuietly(c);
                        throw e;
                    }
                }
                connection = c;
            }
            return connection;
        }

        /** For BEGIN, COMMIT and ROLLBACK on the current connection. */
        Statement control() throws SQLException {
            if (control == null) {
                control = getConnection().createStatement();
            }
            return control;
        }

        PreparedStatement prepared(String sql) throws SQLException {
            PreparedStatement p = statements.get(sql);
            if (p == null) {
                p = getConnection().prepareStatement(sql);
                statements.put(sql, p);
            }
            return p;
        }

        void close() {
            statements.clear();
            control = null;
            if (connection != null) {
                closeQuietly(connection);
                connection = null;
            }
        }

        @Override
        public void closeConnection(Connection c) {
            // Kept open for the next session; closed by SqliteDatabase.close().
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return false;
        }

        @Override
        public boolean isUnwrappableAs(Class<?> type) {
            return false;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException("not unwrappable: " + type + " (" + file + ")");
        }
    }
}

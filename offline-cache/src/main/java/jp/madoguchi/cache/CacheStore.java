package jp.madoguchi.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import javax.crypto.SecretKey;
import jp.madoguchi.common.MadoguchiException;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store: counter acts, the outbox and the audit chain in {@code outbox.db}.
 *
 * <p><b>Durability.</b> {@link #record} writes each act as ONE outbox row (schema V9, docs/decisions/0008): the
 * entry sent to central (opId UUIDv7, the next gap-free seq, basedOn, the sealed payload, which is also the
 * act's details), the act's card and its link of the audit chain, in ONE IMMEDIATE transaction on a WAL
 * database with {@code synchronous=FULL}; it returns only after that commit, so a returned act survives
 * SIGKILL and power loss. A failed write is rolled back whole and reported with a
 * coded error; nothing half-written remains.
 *
 * <p><b>Threads.</b> One writer at a time, on one connection: every database call holds the store's
 * fair write lock (SQLite allows one writer; one holder at a time also makes seq assignment gap-free).
 * {@link #record} runs on the caller's own thread while it holds the lock: no hand-off to another thread
 * and no wake-up back, which on a busy machine cost more than the act's SQLite work. Every other call is
 * run by the store's writer thread ({@code cache-writer}), which takes the same lock for each task. The
 * lock is fair, so calls are served in the order they arrived at it. Public methods may be called from any
 * thread and block until the work is done; they are never to be called from the FX thread for long
 * queries. The one exception is the WAL checkpoint, which a {@link WalCheckpointer} runs on a thread and
 * connection of its own, when the store is idle or at a bound, so that no act's commit pays for it.
 */
public final class CacheStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheStore.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** The chain's hashes are hashed and shown as lower-case hex (AuditChain) and stored as bytes (V8). */
    private static final HexFormat HEX = HexFormat.of();
    private static final String META_TERMINAL = "terminal_id";

    private final StoreSettings settings;
    private final SqliteDatabase db;
    private final FieldCipher cipher;
    private final ExecutorService writer;
    /**
     * Held by whoever uses the database: a {@code record()} caller, the writer thread for every other task, or the
     * checkpointer for a checkpoint at its bound (WalCheckpointer). Fair: arrival order.
     */
    private final ReentrantLock writeLock;
    private final WalCheckpointer checkpointer;
    private final Uuid7 uuids = new Uuid7();
    private volatile LongConsumer recordedListener = seq -> { };
    private volatile Runnable caseActionListener = () -> { };

    // Guarded by writeLock; reloaded from the database after any failed write.
    private boolean closed;
    private long nextSeq;
    private long nextAuditId;
    private String headHash;
    private long lastClockMillis;
    /**
     * Low-water mark: every PENDING or IN_FLIGHT entry has a seq at or above it (the outbox has no index
     * on state, V5). Lowering it is always safe; it is raised only from committed state.
     */
    private long unsettledFrom;
    /** How many entries are PENDING or IN_FLIGHT: changed only after the commit that changes it. */
    private long unsettledCount;

    private CacheStore(StoreSettings settings, SqliteDatabase db, FieldCipher cipher, ExecutorService writer,
            ReentrantLock writeLock, WalCheckpointer checkpointer) {
        this.settings = settings;
        this.writeLock = writeLock;
        this.db = db;
        this.cipher = cipher;
        this.writer = writer;
        this.checkpointer = checkpointer;
        db.onEveryCommit(checkpointer::committed);
    }

    /**
     * Opens (creating or migrating) the store in the settings' data directory, with the key from
     * {@link KeyVault}. Fails with MDG-CACHE-001 (read-only), -003 (locked), -005/-006 (schema) or -012.
     */
    public static CacheStore open(StoreSettings settings, SecretKey key) {
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cache-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            SqliteDatabase db = writer.submit(() -> SqliteDatabase.open(settings.outboxFile(), SqliteDatabase.Durability.FULL,
                    settings.busyTimeout().toMillis(), "db/outbox",
                    List.of(OutboxRow.class, MetaRow.class, CaseRow.class, CaseActionRow.class), true)).get();
            // The writer's connection never checkpoints (wal_autocheckpoint=0): this thread does, off the commit path.
            ReentrantLock writeLock = new ReentrantLock(true);
            WalCheckpointer checkpointer = new WalCheckpointer(SqliteDatabase.url(settings.outboxFile(), SqliteDatabase.Durability.FULL,
                    settings.busyTimeout().toMillis()), WalCheckpointer.IDLE, WalCheckpointer.BOUND, writeLock);
            CacheStore store = new CacheStore(settings, db, new FieldCipher(key), writer, writeLock, checkpointer);
            try {
                store.onWriter(() -> {
                    store.checkTerminal();
                    store.reloadCounters();
                    return null;
                });
            } catch (RuntimeException e) {
                try {
                    store.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return store;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
            throw new IllegalStateException("interrupted while opening the store", e);
        } catch (ExecutionException e) {
            writer.shutdownNow();
            throw SqliteDatabase.translate(e.getCause(), settings.outboxFile());
        } catch (MadoguchiException e) {
            writer.shutdownNow();
            throw e;
        }
    }

    /**
     * Records one completed counter act durably and returns its receipt. Blocks until the commit is on
     * disk. Fails with a coded error (disk full, locked, read-only, clock stepped back) and then records
     * nothing.
     */
    public RecordedAct record(CounterAct act) {
        return record(List.of(act)).get(0);
    }

    /**
     * Records several acts that belong together (a delivery and the old cards collected with it) in ONE
     * transaction: consecutive seqs, all or nothing. Same durability and failures as {@link #record(CounterAct)}.
     */
    public List<RecordedAct> record(List<CounterAct> acts) {
        if (acts.isEmpty()) {
            return List.of();
        }
        // The payloads are serialised before the write lock is taken: only what needs the opId (sealing) and
        // the chain (hashing) runs under it, so callers on several threads overlap that work.
        List<byte[]> json = new ArrayList<>(acts.size());
        for (CounterAct act : acts) {
            json.add(toJson(act.payload()));
        }
        return underWriteLock(() -> {
            long now = settings.clock().millis();
            if (now < lastClockMillis - settings.clockTolerance().toMillis()) {
                throw new MadoguchiException(CacheFailure.CLOCK_BACKWARDS, Map.of("last", Instant.ofEpochMilli(lastClockMillis)));
            }
            List<RecordedAct> receipts = new ArrayList<>(acts.size());
            for (int i = 0; i < acts.size(); i++) {
                receipts.add(new RecordedAct(uuids.next(Math.max(now, lastClockMillis)), nextSeq + i, Instant.ofEpochMilli(now)));
            }
            try {
                writeActs(acts, json, receipts);
            } catch (RuntimeException e) {
                MadoguchiException coded = diagnose(e);
                reloadAfterFailure();
                if (isOnDisk(receipts.get(receipts.size() - 1))) {
                    // The commit reached the WAL although a later step reported an error: the acts are recorded.
                    LOG.warn("commit reported {} but seq {} is on disk; treating the acts as recorded", coded.code(),
                            receipts.get(receipts.size() - 1).seq());
                } else {
                    LOG.warn("act not recorded: {} [{}]", coded.code(), coded.correlationId(), e);
                    throw coded;
                }
            }
            recordedListener.accept(receipts.get(receipts.size() - 1).seq());
            return receipts;
        });
    }

    private void writeActs(List<CounterAct> acts, List<byte[]> json, List<RecordedAct> receipts) {
        List<ChainLink> links = new ArrayList<>(acts.size());
        List<byte[]> payloads = new ArrayList<>(acts.size());
        long auditId = nextAuditId;
        // The hashes are kept as the bytes stored and hashed as their hex text (AuditChain): each is made once.
        String prev = headHash;
        byte[] prevDigest = HEX.parseHex(prev);
        for (int i = 0; i < acts.size(); i++) {
            CounterAct act = acts.get(i);
            RecordedAct receipt = receipts.get(i);
            String op = receipt.opId().toString();
            byte[] payload = sealPayload(json.get(i), op);
            long occurredAt = receipt.occurredAt().toEpochMilli();
            byte[] contentDigest = AuditChain.digest(payload);
            byte[] rowDigest = AuditChain.rowDigest(auditId, prev, op, receipt.seq(), act.type().name(), act.clerkId(),
                    act.supervisorId(), occurredAt, HEX.formatHex(contentDigest));
            links.add(new ChainLink(auditId++, op, receipt.seq(), occurredAt, contentDigest, prevDigest, rowDigest));
            prev = HEX.formatHex(rowDigest);
            prevDigest = rowDigest;
            payloads.add(payload);
        }
        long clock = Math.max(receipts.get(0).occurredAt().toEpochMilli(), lastClockMillis);
        db.inJdbcTransaction(sql -> {
            for (int i = 0; i < acts.size(); i++) {
                insertAct(sql, acts.get(i), links.get(i), payloads.get(i));
            }
            return null;
        });
        nextSeq += acts.size();
        unsettledCount += acts.size();
        nextAuditId = auditId;
        headHash = prev;
        lastClockMillis = clock;
    }

    /** An act's place in the audit chain (columns of its outbox row, V9), computed before the transaction. */
    private record ChainLink(long id, String opId, long seq, long occurredAt, byte[] contentHash, byte[] prevHash, byte[] rowHash) {
    }

    // The inserts of outbox rows, in plain JDBC on the store's connection (SqliteDatabase#inJdbcTransaction). They are
    // the only place these rows are created; Hibernate reads them and updates their sync state afterwards.

    /**
     * The act's one row (V9): its outbox entry with the act's card and its link of the audit chain, the hashes as
     * 32-byte BLOBs (V8), and the row hash covering its supervisor ({@code supervisor_in_chain} = 1). The sealed
     * payload is stored once: it is what central is sent and the act's details.
     */
    private static void insertAct(SqliteDatabase.Statements sql, CounterAct act, ChainLink link, byte[] payload) throws SQLException {
        PreparedStatement p = sql.prepared("INSERT INTO outbox (seq, op_id, type, occurred_at, clerk_id, supervisor_id,"
                + " based_on_version, payload, state, enqueued_at, card_serial, audit_id, content_hash, prev_hash, row_hash,"
                + " supervisor_in_chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, 1)");
        p.setLong(1, link.seq);
        p.setString(2, link.opId);
        p.setString(3, act.type().name());
        p.setLong(4, link.occurredAt);
        p.setString(5, act.clerkId());
        p.setString(6, act.supervisorId());
        setLongOrNull(p, 7, act.basedOnVersion());
        p.setBytes(8, payload);
        p.setLong(9, link.occurredAt);
        p.setString(10, act.cardSerial());
        p.setLong(11, link.id);
        p.setBytes(12, link.contentHash);
        p.setBytes(13, link.prevHash);
        p.setBytes(14, link.rowHash);
        p.executeUpdate();
    }

    /** An AUDIT_HEAD entry: an outbox row without an act, so without a link of the chain. */
    private static void insertAuditHead(SqliteDatabase.Statements sql, long seq, String opId, long now, byte[] payload)
            throws SQLException {
        PreparedStatement p = sql.prepared("INSERT INTO outbox (seq, op_id, type, occurred_at, payload, state, enqueued_at)"
                + " VALUES (?, ?, 'AUDIT_HEAD', ?, ?, 'PENDING', ?)");
        p.setLong(1, seq);
        p.setString(2, opId);
        p.setLong(3, now);
        p.setBytes(4, payload);
        p.setLong(5, now);
        p.executeUpdate();
    }

    private static void setLongOrNull(PreparedStatement p, int index, Long value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.INTEGER);
        } else {
            p.setLong(index, value);
        }
    }

    /**
     * The outbox's JDBC URL with the pragmas the store uses (WAL, synchronous=FULL, busy timeout,
     * foreign keys, IMMEDIATE transactions): for inspection tools and the enqueue benchmark's baseline.
     */
    public static String outboxJdbcUrl(java.nio.file.Path file, java.time.Duration busyTimeout) {
        return SqliteDatabase.url(file, SqliteDatabase.Durability.FULL, busyTimeout.toMillis());
    }

    /**
     * Names a failed write. SQLite's own code is used when the driver passed it on; after an automatic
     * rollback the driver often reports only "no transaction is active", so the file system and the
     * lock are then asked directly.
     */
    private MadoguchiException diagnose(RuntimeException e) {
        db.resetConnection();
        MadoguchiException coded = SqliteDatabase.translate(e, settings.outboxFile());
        if (coded.failure() == CacheFailure.STORAGE_FAILURE) {
            CacheFailure probed = SqliteDatabase.probe(settings.outboxFile(), settings.busyTimeout().toMillis());
            if (probed != null) {
                return new MadoguchiException(probed, Map.of("path", settings.dataDirectory()), e);
            }
        }
        return coded;
    }

    private boolean isOnDisk(RecordedAct receipt) {
        try {
            // The act is one row (V9): its outbox entry carries its link of the audit chain.
            return db.inJdbcRead(sql -> {
                PreparedStatement p = sql.prepared(SQL_ACT);
                p.setLong(1, receipt.seq());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() && receipt.opId().toString().equals(rs.getString(1));
                }
            });
        } catch (RuntimeException e) {
            db.resetConnection();
            return false;
        }
    }

    /** An outbox entry's payload (JSON) sealed for its row: bound to its opId, which AES-GCM authenticates. */
    private byte[] sealPayload(byte[] json, String opId) {
        return cipher.seal(json, opId.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@link #sealPayload} undone for the entry at {@code seq}; one that does not open is a CORRUPTED_ROW naming the seq. */
    private byte[] openPayload(byte[] sealed, String opId, long seq) {
        return cipher.open(sealed, opId.getBytes(StandardCharsets.US_ASCII), Long.toString(seq));
    }

    private static byte[] toJson(Object payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Complete WAL checkpoints the store's checkpointer has run (tests). */
    long walCheckpoints() {
        return checkpointer.checkpoints();
    }

    /**
     * Called after each recorded act with its seq (the sync engine's wake-up), on the thread that recorded it
     * and under the write lock: it must be quick and must not call the store.
     */
    void onRecorded(LongConsumer listener) {
        this.recordedListener = listener;
    }

    // ---- what the sync engine needs (all on the writer thread) ----

    /**
     * Appends an AUDIT_HEAD entry carrying the chain's current head, unless the newest entry already
     * carries that same head (so retries during an outage do not pile entries up).
     */
    boolean appendAuditHeadIfChanged() {
        return onWriter(() -> {
            try {
                OutboxRow last = db.sessions().fromTransaction(s -> s.createSelectionQuery(
                        "from OutboxRow where type = 'AUDIT_HEAD' order by seq desc", OutboxRow.class)
                        .setMaxResults(1).uniqueResult());
                String lastHead = null;
                if (last != null && last.payload != null) {
                    lastHead = JSON.readTree(openPayload(last.payload, last.opId, last.seq)).path("hash").asText();
                }
                if (headHash.equals(lastHead) || nextAuditId == 1) {
                    return false;
                }
                long now = Math.max(settings.clock().millis(), lastClockMillis);
                String opId = uuids.next(now).toString();
                byte[] payload = sealPayload(toJson(Map.of("hash", headHash, "count", nextAuditId - 1)), opId);
                long seq = nextSeq;
                db.inJdbcTransaction(sql -> {
                    insertAuditHead(sql, seq, opId, now, payload);
                    return null;
                });
                nextSeq++;
                unsettledCount++;
                return true;
            } catch (RuntimeException e) {
                MadoguchiException coded = diagnose(e);
                reloadAfterFailure();
                throw coded;
            } catch (java.io.IOException e) {
                throw new MadoguchiException(CacheFailure.CORRUPTED_ROW, Map.of("seq", "AUDIT_HEAD"), e);
            }
        });
    }

    // The queries of the sync path and of the queue summary, in SQL: QueryPlanTest runs EXPLAIN QUERY PLAN
    // on each and fails if one scans a table where an index is meant. States are literals, not parameters:
    // SQLite uses a partial index (outbox_conflict, outbox_rejected, V5) only when the query's WHERE names
    // its literal. The unsettled entries are a primary-key range from the low-water mark.

    /** The first unsettled entry at or above the low-water mark, with its enqueue time. */
    static final String SQL_FIRST_UNSETTLED = "SELECT seq, enqueued_at FROM outbox"
            + " WHERE seq >= ? AND state IN ('PENDING', 'IN_FLIGHT') ORDER BY seq LIMIT 1";
    /** Up to n unsettled entries from a seq, for sending. */
    static final String SQL_UNSETTLED = "SELECT seq, op_id, type, occurred_at, clerk_id, supervisor_id, based_on_version, payload"
            + " FROM outbox WHERE seq >= ? AND state IN ('PENDING', 'IN_FLIGHT') ORDER BY seq LIMIT ?";
    static final String SQL_LAST_SEQ = "SELECT max(seq) FROM outbox";
    static final String SQL_COUNT_CONFLICT = "SELECT count(*) FROM outbox WHERE state = 'CONFLICT'";
    static final String SQL_COUNT_REJECTED = "SELECT count(*) FROM outbox WHERE state = 'REJECTED'";
    static final String SQL_COUNT_OPEN_CASES = "SELECT count(*) FROM follow_up_case WHERE status = 'OPEN'";
    /** The entries of a batch that was sent, to match central's answers by opId. */
    static final String SQL_BATCH = "SELECT seq, op_id, state, type FROM outbox WHERE seq BETWEEN ? AND ?";
    /** Settles a run of consecutive entries that got the same answer (most often a whole batch APPLIED). */
    static final String SQL_SETTLE = "UPDATE outbox SET state = ?, outcome = ?, reason = ?, card_status_version = ?, acked_at = ?,"
            + " case_id = ? WHERE seq BETWEEN ? AND ?";
    static final String SQL_MARK_IN_FLIGHT = "UPDATE outbox SET state = 'IN_FLIGHT' WHERE seq BETWEEN ? AND ? AND state = 'PENDING'";
    /** Opens a case for an answered entry unless it exists; the card comes from the act (its entry's row, by seq). */
    static final String SQL_OPEN_CASE = "INSERT OR IGNORE INTO follow_up_case (case_id, kind, seq, op_id, type, card_serial, reason,"
            + " status, opened_at) SELECT ?, ?, ?, ?, ?, (SELECT card_serial FROM outbox WHERE seq = ?), ?, 'OPEN', ?";
    /** Acknowledged acts past retention that still hold their payload: a range of the partial index outbox_acked_unpurged (V7). */
    static final String SQL_PURGEABLE_ACKED = "SELECT seq FROM outbox WHERE state = 'ACKED' AND payload IS NOT NULL AND acked_at < ?";
    /** Acts of closed conflicts and rejections past retention (one query per partial index). */
    static final String SQL_PURGEABLE_CONFLICTS = purgeable("CONFLICT");
    static final String SQL_PURGEABLE_REJECTIONS = purgeable("REJECTED");

    private static String purgeable(String state) {
        return "SELECT o.seq FROM outbox o WHERE o.state = '" + state + "' AND o.payload IS NOT NULL AND EXISTS"
                + " (SELECT 1 FROM follow_up_case k WHERE k.case_id = o.case_id AND k.status = 'CLOSED' AND k.closed_at < ?)";
    }

    /** Up to {@code limit} unsettled entries in seq order, payloads opened. A damaged one is MDG-CACHE-004. */
    List<PendingOperation> unsettled(int limit) {
        return onWriter(() -> readUnsettled(unsettledFrom, limit));
    }

    /**
     * Up to {@code limit} unsettled entries above {@code seq}, in seq order, payloads opened: the batch after
     * one that is still in flight (its entries are unsettled until its answers are committed).
     */
    List<PendingOperation> unsettledAfter(long seq, int limit) {
        return onWriter(() -> readUnsettled(Math.max(unsettledFrom, seq + 1), limit));
    }

    private List<PendingOperation> readUnsettled(long from, int limit) {
        return db.inJdbcRead(sql -> {
            PreparedStatement p = sql.prepared(SQL_UNSETTLED);
            p.setLong(1, from);
            p.setInt(2, limit);
            List<PendingOperation> ops = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    String opId = rs.getString(2);
                    long based = rs.getLong(7);
                    Long basedOn = rs.wasNull() ? null : based;
                    byte[] sealed = rs.getBytes(8);
                    if (sealed == null) {
                        throw new MadoguchiException(CacheFailure.CORRUPTED_ROW, Map.of("seq", seq));
                    }
                    // Authenticated (AES-GCM, bound to the opId) and written by toJson as an object: sent as it is,
                    // not parsed and written again. The outer braces are checked so that a payload that is not an
                    // object never reaches a batch.
                    byte[] payload = openPayload(sealed, opId, seq);
                    if (!jsonObject(payload)) {
                        throw new MadoguchiException(CacheFailure.CORRUPTED_ROW, Map.of("seq", seq));
                    }
                    ops.add(new PendingOperation(seq, opId, rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), basedOn,
                            payload));
                }
            }
            return ops;
        });
    }

    /** True when {@code json} starts with '{' and ends with '}' (JSON whitespace around them allowed). */
    static boolean jsonObject(byte[] json) {
        int from = 0;
        int to = json.length - 1;
        while (from <= to && isJsonSpace(json[from])) {
            from++;
        }
        while (to >= from && isJsonSpace(json[to])) {
            to--;
        }
        return to > from && json[from] == '{' && json[to] == '}';
    }

    private static boolean isJsonSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Marks entries IN_FLIGHT just before a batch is sent. */
    void markInFlight(long fromSeq, long toSeq) {
        onWriter(() -> inTransaction(sql -> {
            PreparedStatement p = sql.prepared(SQL_MARK_IN_FLIGHT);
            p.setLong(1, fromSeq);
            p.setLong(2, toSeq);
            return p.executeUpdate();
        }));
    }

    /** {@link #applyOutcomes(long, long, List, long, long)} with no next batch in flight. */
    void applyOutcomes(long fromSeq, long toSeq, List<OperationOutcome> outcomes) {
        applyOutcomes(fromSeq, toSeq, outcomes, 1, 0);
    }

    /**
     * Records central's answers for a batch in one transaction: APPLIED/DUPLICATE → ACKED,
     * APPLIED_WITH_CONFLICT → CONFLICT with central's case, REJECTED → REJECTED with a local case.
     * Nothing is deleted. {@code fromSeq..toSeq} is the batch that was sent: answers are matched to its
     * entries by opId within that range (the outbox keeps no opId index, V5); an answer for an opId
     * outside it changes nothing. The entries {@code nextFrom..nextTo} (none when nextFrom > nextTo), the
     * batch already sent after this one, are marked IN_FLIGHT in the same transaction: one commit per batch.
     */
    void applyOutcomes(long fromSeq, long toSeq, List<OperationOutcome> outcomes, long nextFrom, long nextTo) {
        long now = settings.clock().millis();
        onWriter(() -> {
            int settled = inTransaction(sql -> {
                Map<String, Object[]> rows = new java.util.HashMap<>();
                PreparedStatement batch = sql.prepared(SQL_BATCH);
                batch.setLong(1, fromSeq);
                batch.setLong(2, toSeq);
                try (ResultSet rs = batch.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(2), new Object[] {rs.getLong(1), rs.getString(3), rs.getString(4)});
                    }
                }
                int n = 0;
                SettleRun run = new SettleRun(sql.prepared(SQL_SETTLE), now);
                for (OperationOutcome o : outcomes) {
                    Object[] row = rows.remove(o.opId());
                    if (row == null || LocalSyncState.valueOf((String) row[1]).settled()) {
                        continue;
                    }
                    long seq = (Long) row[0];
                    String effective = o.effective();
                    String state;
                    String reason = o.reason();
                    String caseId = null;
                    switch (effective) {
                        case "APPLIED" -> state = LocalSyncState.ACKED.name();
                        case "APPLIED_WITH_CONFLICT" -> {
                            state = LocalSyncState.CONFLICT.name();
                            caseId = o.caseId() != null ? o.caseId() : "L-" + o.opId();
                            openCase(sql, caseId, "CONFLICT", seq, o.opId(), (String) row[2], o.reason(), now);
                        }
                        case "REJECTED" -> {
                            state = LocalSyncState.REJECTED.name();
                            caseId = "L-" + o.opId();
                            openCase(sql, caseId, "REJECTED", seq, o.opId(), (String) row[2], o.reason(), now);
                        }
                        default -> {
                            state = LocalSyncState.REJECTED.name();
                            reason = "UNKNOWN_OUTCOME:" + effective;
                            caseId = "L-" + o.opId();
                            openCase(sql, caseId, "REJECTED", seq, o.opId(), (String) row[2], reason, now);
                        }
                    }
                    run.add(seq, state, o.outcome(), reason, o.cardStatusVersion(), caseId);
                    n++;
                }
                run.flush();
                if (nextFrom <= nextTo) {
                    PreparedStatement mark = sql.prepared(SQL_MARK_IN_FLIGHT);
                    mark.setLong(1, nextFrom);
                    mark.setLong(2, nextTo);
                    mark.executeUpdate();
                }
                return n;
            });
            unsettledCount -= settled;
            raiseUnsettledFrom();
            return null;
        });
    }

    /**
     * Central's answers written as runs: consecutive seqs with the same state, outcome, reason, card
     * status version and case (a whole batch APPLIED, typically) are settled by one UPDATE of their seq
     * range instead of one per entry. Only entries that were matched to an answer are ever added, so a
     * run holds no entry that was not answered. Writer thread, inside the settling transaction.
     */
    private static final class SettleRun {
        private final PreparedStatement settle;
        private final long now;
        private long from;
        private long to = -2;
        private String state;
        private String outcome;
        private String reason;
        private Long version;
        private String caseId;

        SettleRun(PreparedStatement settle, long now) {
            this.settle = settle;
            this.now = now;
        }

        void add(long seq, String state, String outcome, String reason, Long version, String caseId) throws SQLException {
            if (seq == to + 1 && caseId == null && this.caseId == null && state.equals(this.state)
                    && Objects.equals(outcome, this.outcome) && Objects.equals(reason, this.reason)
                    && Objects.equals(version, this.version)) {
                to = seq;
                return;
            }
            flush();
            from = seq;
            to = seq;
            this.state = state;
            this.outcome = outcome;
            this.reason = reason;
            this.version = version;
            this.caseId = caseId;
        }

        void flush() throws SQLException {
            if (state == null) {
                return;
            }
            settle.setString(1, state);
            settle.setString(2, outcome);
            settle.setString(3, reason);
            setLongOrNull(settle, 4, version);
            settle.setLong(5, now);
            settle.setString(6, caseId);
            settle.setLong(7, from);
            settle.setLong(8, to);
            settle.executeUpdate();
            state = null;
        }
    }

    private static void openCase(SqliteDatabase.Statements sql, String caseId, String kind, long seq, String opId, String type,
            String reason, long now) throws SQLException {
        PreparedStatement p = sql.prepared(SQL_OPEN_CASE);
        p.setString(1, caseId);
        p.setString(2, kind);
        p.setLong(3, seq);
        p.setString(4, opId);
        p.setString(5, type);
        p.setLong(6, seq);
        p.setString(7, reason);
        p.setLong(8, now);
        if (p.executeUpdate() > 0) {
            LOG.warn("follow-up case {} opened: {} seq {} reason {}", caseId, kind, seq, reason);
        }
    }

    /** After answers were committed (writer thread): the first entry still unsettled, or the next seq when there is none. */
    private void raiseUnsettledFrom() {
        Long first = firstUnsettled()[0];
        unsettledFrom = first == null ? nextSeq : first;
    }

    /** The first unsettled entry's seq and enqueue time (nulls when none), from the low-water mark (writer thread). */
    private Long[] firstUnsettled() {
        return db.inJdbcRead(sql -> {
            PreparedStatement p = sql.prepared(SQL_FIRST_UNSETTLED);
            p.setLong(1, unsettledFrom);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new Long[] {rs.getLong(1), rs.getLong(2)} : new Long[] {null, null};
            }
        });
    }

    /** Central's ackedSeq is below what we hold as settled (409 SEQ_GAP): entries from {@code expectedSeq} are sent again. */
    void resendFrom(long expectedSeq) {
        onWriter(() -> {
            int reopened = inTransaction(sql -> {
                PreparedStatement acked = sql.prepared("UPDATE outbox SET state = 'PENDING', acked_at = NULL WHERE seq >= ? AND state = 'ACKED'");
                acked.setLong(1, expectedSeq);
                int n = acked.executeUpdate();
                PreparedStatement inFlight = sql.prepared("UPDATE outbox SET state = 'PENDING' WHERE seq >= ? AND state = 'IN_FLIGHT'");
                inFlight.setLong(1, expectedSeq);
                inFlight.executeUpdate();
                return n;
            });
            unsettledFrom = Math.min(unsettledFrom, expectedSeq);
            unsettledCount += reopened;
            return null;
        });
    }

    /**
     * Settles one entry that central refuses on its own (a 422 narrowed down to it) as REJECTED, with a
     * local case of kind {@code kind} naming its seq, opId, type and card. The entry is kept, never sent
     * again and never dropped; the entries after it are sent as usual.
     */
    void refuse(long seq, String kind, String reason) {
        long now = settings.clock().millis();
        onWriter(() -> {
            boolean settled = inSession(s -> {
                OutboxRow row = s.find(OutboxRow.class, seq);
                if (row == null || LocalSyncState.valueOf(row.state).settled()) {
                    return false;
                }
                row.state = LocalSyncState.REJECTED.name();
                row.reason = kind;
                row.ackedAt = now;
                row.caseId = "L-" + kind + "-" + seq;
                openCase(s, row.caseId, kind, row, reason, now);
                return true;
            });
            if (settled) {
                unsettledCount--;
            }
            return null;
        });
    }

    /** Opens a local case that halts sending until a supervisor resolves it (SEQ_REUSED, OP_ID_REUSED, ...). */
    String openHaltCase(String kind, Long seq, String reason) {
        long now = settings.clock().millis();
        return write(s -> {
            OutboxRow row = seq == null ? null : s.find(OutboxRow.class, seq);
            String caseId = "L-" + kind + "-" + (seq == null ? now : seq);
            openCase(s, caseId, kind, row, reason, now);
            return caseId;
        });
    }

    private void openCase(Session s, String caseId, String kind, OutboxRow row, String reason, long now) {
        if (s.find(CaseRow.class, caseId) != null) {
            return;
        }
        CaseRow c = new CaseRow();
        c.caseId = caseId;
        c.kind = kind;
        c.reason = reason;
        c.status = "OPEN";
        c.openedAt = now;
        if (row != null) {
            c.seq = row.seq;
            c.opId = row.opId;
            c.type = row.type;
            c.cardSerial = row.cardSerial;
        }
        s.persist(c);
        LOG.warn("follow-up case {} opened: {} seq {} reason {}", caseId, kind, c.seq, reason);
    }

    // ---- what the UI and reports read ----

    /**
     * The queue at a glance. The depth is the writer thread's count of unsettled entries (kept with every
     * commit that changes it, recounted at open and after a failed write), so the summary costs a few index
     * look-ups however long the queue is; the oldest pending entry is the first unsettled one in seq order,
     * which is commit order.
     */
    public QueueSummary summary() {
        return onWriter(() -> {
            Long oldest = firstUnsettled()[1];
            return db.inJdbcRead(sql -> new QueueSummary(unsettledCount, oldest == null ? null : Instant.ofEpochMilli(oldest),
                    count(sql, SQL_LAST_SEQ), count(sql, SQL_COUNT_CONFLICT), count(sql, SQL_COUNT_REJECTED),
                    count(sql, SQL_COUNT_OPEN_CASES)));
        });
    }

    private static long count(SqliteDatabase.Statements sql, String query) throws SQLException {
        try (ResultSet rs = sql.prepared(query).executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Entries from {@code fromSeq} on, at most {@code limit}, in seq order; no personal data. */
    public List<OutboxEntry> entries(long fromSeq, int limit) {
        return onWriter(() -> db.sessions().fromTransaction(s -> s.createSelectionQuery(
                "from OutboxRow where seq >= :f order by seq", OutboxRow.class)
                .setParameter("f", fromSeq).setMaxResults(limit).getResultList().stream()
                .map(CacheStore::entry).toList()));
    }

    /**
     * Entries that occurred in {@code [from, until)}, in seq order; no personal data. For a day's tally:
     * the store filters, so a long history is neither loaded nor held on the writer thread page by page.
     */
    public List<OutboxEntry> entriesOccurred(Instant from, Instant until) {
        return onWriter(() -> db.sessions().fromTransaction(s -> s.createSelectionQuery(
                "from OutboxRow where occurredAt >= :a and occurredAt < :b order by seq", OutboxRow.class)
                .setParameter("a", from.toEpochMilli()).setParameter("b", until.toEpochMilli()).getResultList().stream()
                .map(CacheStore::entry).toList()));
    }

    private static OutboxEntry entry(OutboxRow r) {
        return new OutboxEntry(r.seq, UUID.fromString(r.opId), OperationType.valueOf(r.type), Instant.ofEpochMilli(r.occurredAt),
                r.clerkId, LocalSyncState.valueOf(r.state), r.outcome, r.reason, r.caseId);
    }

    /** Follow-up cases still OPEN, oldest first (the 要対応 list), with their notes opened. */
    public List<FollowUpCase> openCases() {
        return onWriter(() -> db.sessions().fromTransaction(s -> s.createSelectionQuery(
                "from CaseRow where status = 'OPEN' order by openedAt, caseId", CaseRow.class).getResultList().stream()
                .map(c -> new FollowUpCase(c.caseId, c.kind, c.seq, c.opId, c.type, c.cardSerial, c.reason, c.status,
                        Instant.ofEpochMilli(c.openedAt), openNote(c), c.notedBy))
                .toList()));
    }

    private String openNote(CaseRow c) {
        return c.note == null ? null
                : new String(cipher.open(c.note, caseAad(c.caseId), "case " + c.caseId), StandardCharsets.UTF_8);
    }

    private static byte[] caseAad(String caseId) {
        return ("case:" + caseId).getBytes(StandardCharsets.UTF_8);
    }

    /** A supervisor closes a case; a halt case lets sending resume. See {@link #closeCase(String, String, String)}. */
    public void closeCase(String caseId) {
        closeCase(caseId, null);
    }

    /**
     * Closes a case and keeps who closed it ({@code staffId}, or null when unknown); a halt case lets
     * sending resume. The resolution sent to central is the case's note when it has one. See
     * {@link #closeCase(String, String, String)}.
     */
    public void closeCase(String caseId, String staffId) {
        closeCase(caseId, staffId, null);
    }

    /**
     * Closes a case and keeps who closed it. Closing a closed or unknown case changes nothing. When the
     * case is one of central's (a conflict central opened), the close is queued for central in the same
     * transaction (sync-protocol item 14: {@code supervisorId} = {@code staffId}, or this terminal's id
     * when unknown; {@code resolution}, or else the case's note, or else {@code RESOLVED}) and the sync
     * engine sends it, retrying while central is unreachable: a close made offline is not lost.
     */
    public void closeCase(String caseId, String staffId, String resolution) {
        long now = settings.clock().millis();
        boolean queued = write(s -> {
            CaseRow c = s.find(CaseRow.class, caseId);
            if (c == null || !"OPEN".equals(c.status)) {
                return false;
            }
            c.status = "CLOSED";
            c.closedAt = now;
            c.closedBy = staffId;
            if (!isCentralCase(c)) {
                return false;
            }
            String text = resolution != null && !resolution.isBlank() ? resolution : c.note != null ? openNote(c) : "RESOLVED";
            queueCaseAction(s, caseId, CaseActionRow.CLOSE, staffId != null ? staffId : settings.terminalId(), text, now);
            return true;
        });
        if (queued) {
            caseActionListener.run();
        }
    }

    /**
     * Replaces the note on a case (what the staff found out, whom they called), sealed at rest, and
     * keeps who wrote it. On one of central's cases the note is also queued for central (sync-protocol
     * item 14, {@code POST .../notes}) in the same transaction and sent by the sync engine. Blocks until
     * committed; an unknown case id is MDG-CACHE-013.
     */
    public void annotateCase(String caseId, String staffId, String note) {
        Objects.requireNonNull(staffId, "staffId");
        long now = settings.clock().millis();
        byte[] sealed = cipher.seal(note.getBytes(StandardCharsets.UTF_8), caseAad(caseId));
        Boolean queued = write(s -> {
            CaseRow c = s.find(CaseRow.class, caseId);
            if (c == null) {
                return null;
            }
            c.note = sealed;
            c.notedBy = staffId;
            if (!isCentralCase(c)) {
                return false;
            }
            queueCaseAction(s, caseId, CaseActionRow.NOTE, staffId, note, now);
            return true;
        });
        if (queued == null) {
            throw new MadoguchiException(CacheFailure.UNKNOWN_CASE, Map.of("caseId", caseId));
        }
        if (queued) {
            caseActionListener.run();
        }
    }

    /** Central's own cases are the conflicts it opened and named; every other case exists only here. */
    private static boolean isCentralCase(CaseRow c) {
        return "CONFLICT".equals(c.kind) && !c.caseId.startsWith("L-");
    }

    private void queueCaseAction(Session s, String caseId, String action, String staffId, String text, long now) {
        Long max = s.createSelectionQuery("select max(id) from CaseActionRow", Long.class).getSingleResult();
        CaseActionRow a = new CaseActionRow();
        a.id = max == null ? 1 : max + 1;
        a.caseId = caseId;
        a.action = action;
        a.staffId = staffId;
        a.body = cipher.seal(text.getBytes(StandardCharsets.UTF_8), caseActionAad(a.id));
        a.createdAt = now;
        s.persist(a);
    }

    static byte[] caseActionAad(long id) {
        return ("case-action:" + id).getBytes(StandardCharsets.US_ASCII);
    }

    /** Case notes and closes not yet answered by central, oldest first (what the engine sends next). */
    List<CaseAction> pendingCaseActions() {
        return onWriter(() -> db.sessions().fromTransaction(s -> s.createSelectionQuery(
                "from CaseActionRow where sentAt is null order by id", CaseActionRow.class).getResultList().stream()
                .map(a -> new CaseAction(a.id, a.caseId, a.action, a.staffId,
                        new String(cipher.open(a.body, caseActionAad(a.id), "case action " + a.id), StandardCharsets.UTF_8)))
                .toList()));
    }

    /** Central accepted a case action ({@code OK}); it is not sent again. */
    void caseActionAnswered(long id, String result) {
        long now = settings.clock().millis();
        write(s -> s.createMutationQuery("update CaseActionRow set sentAt = :n, result = :r where id = :i")
                .setParameter("n", now).setParameter("r", result).setParameter("i", id).executeUpdate());
    }

    /** The kind of the local case that keeps a note or close central refused ({@link #caseActionRefused}). */
    static final String CASE_ACTION_REFUSED = "CASE_ACTION_REFUSED";

    /**
     * Central refused a case action for good ({@code answer}: its HTTP status and code, e.g. {@code 404 UNKNOWN_CASE}).
     * In ONE transaction the action is settled with that answer (it is not sent again) and a local case of kind
     * {@link #CASE_ACTION_REFUSED} is opened, so staff see the refusal in the 要対応 list: its reason carries
     * MDG-CACHE-014, the action and central's answer, its note the refused text (sealed) by the staff member
     * who wrote it, and it names the same act as central's case. A supervisor closes it here only; nothing of
     * it is sent. Returns the local case id.
     */
    String caseActionRefused(CaseAction action, String answer) {
        long now = settings.clock().millis();
        String caseId = "L-" + CASE_ACTION_REFUSED + "-" + action.id();
        write(s -> {
            s.createMutationQuery("update CaseActionRow set sentAt = :n, result = :r where id = :i")
                    .setParameter("n", now).setParameter("r", answer).setParameter("i", action.id()).executeUpdate();
            if (s.find(CaseRow.class, caseId) != null) {
                return null;
            }
            CaseRow about = s.find(CaseRow.class, action.caseId());
            CaseRow c = new CaseRow();
            c.caseId = caseId;
            c.kind = CASE_ACTION_REFUSED;
            c.reason = CacheFailure.CASE_ACTION_REFUSED.code() + " " + action.action() + " " + action.caseId() + ": " + answer;
            c.status = "OPEN";
            c.openedAt = now;
            if (about != null) {
                c.seq = about.seq;
                c.opId = about.opId;
                c.type = about.type;
                c.cardSerial = about.cardSerial;
            }
            c.note = cipher.seal(action.text().getBytes(StandardCharsets.UTF_8), caseAad(caseId));
            c.notedBy = action.staffId();
            s.persist(c);
            return null;
        });
        LOG.warn("central refused the {} of case {} ({}): kept in case {}", action.action(), action.caseId(), answer, caseId);
        return caseId;
    }

    /** Called after a case action was queued (the sync engine's wake-up). */
    void onCaseAction(Runnable listener) {
        this.caseActionListener = listener;
    }

    /**
     * The payload of the act recorded at {@code seq} (its {@link RecordedAct#seq()} or {@link OutboxEntry#seq()}), opened,
     * for the workflow that printed it (e.g. a reprint): a look-up by the outbox's key, which is also the act's (V9).
     * Null when no act has that seq (an AUDIT_HEAD entry is not an act) or its personal data was purged.
     */
    public JsonNode details(long seq) {
        return onWriter(() -> db.inJdbcRead(sql -> {
            PreparedStatement p = sql.prepared(SQL_ACT);
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next() || OperationType.AUDIT_HEAD.name().equals(rs.getString(2)) || rs.getBytes(3) == null) {
                    return null;
                }
                return JSON.readTree(openPayload(rs.getBytes(3), rs.getString(1), seq));
            } catch (java.io.IOException e) {
                throw new MadoguchiException(CacheFailure.CORRUPTED_ROW, Map.of("seq", seq), e);
            }
        }));
    }

    /** One act's row by its seq (the outbox's primary key): its opId, type and sealed payload. */
    static final String SQL_ACT = "SELECT op_id, type, payload FROM outbox WHERE seq = ?";

    /**
     * Every outbox row in seq order (the primary key: no sort), with what the walk of the audit chain checks: since V9
     * an act's link of the chain is on its own row (NULL for an AUDIT_HEAD entry). The supervisor is the one the row
     * hash covers.
     */
    static final String SQL_CHAIN = "SELECT seq, op_id, type, audit_id, clerk_id, CASE WHEN supervisor_in_chain = 1 THEN supervisor_id END,"
            + " occurred_at, content_hash, prev_hash, row_hash, payload FROM outbox ORDER BY seq";
    /** Acts that V9 could not fold into the outbox (a store someone had edited): normally none. */
    static final String SQL_COUNT_OUTSIDE = "SELECT count(*) FROM act_outside_outbox";

    /**
     * Walks the outbox from seq 1 and the audit chain along it: the seqs must have no gap (the store assigns them
     * gap-free and never deletes an entry); each act's link must hash to its stored hash, link to the previous link's
     * hash, carry the next id and (until purged) match its sealed payload; each AUDIT_HEAD entry (until purged) must
     * name the count and head the chain had at its seq. The walk must end where this store's own commits since it
     * opened ended (its next seq, link and head, kept under the write lock): so deleting the newest act, which leaves
     * no gap, is found while the store is open; after a restart only an AUDIT_HEAD written after it (a gap, or its
     * count) or central (which holds the heads it was sent) can tell. Acts kept outside the outbox by V9 are reported.
     */
    public AuditVerification verifyAudit() {
        return onWriter(() -> db.inJdbcRead(sql -> {
            String prev = AuditChain.GENESIS;
            long n = 0;
            long expectedSeq = 1;
            try (ResultSet rs = sql.prepared(SQL_CHAIN).executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq != expectedSeq) {
                        return new AuditVerification(false, n, prev, n + 1,
                                "no outbox entry at seq " + expectedSeq + " (an entry was deleted)");
                    }
                    expectedSeq++;
                    if (OperationType.AUDIT_HEAD.name().equals(rs.getString(3))) {
                        String problem = headProblem(rs, n, prev);
                        if (problem != null) {
                            return new AuditVerification(false, n, prev, Math.max(n, 1), problem);
                        }
                        continue;
                    }
                    n++;
                    String problem = chainProblem(rs, n, prev);
                    if (problem != null) {
                        return new AuditVerification(false, n, prev, n, problem);
                    }
                    prev = hex(rs.getBytes(10));
                }
            }
            if (expectedSeq != nextSeq || n != nextAuditId - 1 || !prev.equals(headHash)) {
                // What this store itself committed since it opened (kept under the write lock) ends later: its newest
                // entries were deleted, or rows were appended, behind its back.
                return new AuditVerification(false, n, prev, n + 1, "the outbox ends at seq " + (expectedSeq - 1)
                        + " with " + n + " links, but this store wrote up to seq " + (nextSeq - 1) + " with " + (nextAuditId - 1));
            }
            try (ResultSet rs = sql.prepared(SQL_COUNT_OUTSIDE).executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return new AuditVerification(false, n + 1, prev, n + 1,
                            rs.getLong(1) + " act(s) outside the outbox (kept by schema V9 from a store that had been edited)");
                }
            }
            return new AuditVerification(true, n, prev, 0, null);
        }));
    }

    /** A stored hash as the chain hashes it (lower-case hex); a NULL one (damaged row) as the empty text, which matches nothing. */
    private static String hex(byte[] hash) {
        return hash == null ? "" : HEX.formatHex(hash);
    }

    /** What is wrong with the act in row {@code rs} of {@link #SQL_CHAIN}, the chain's row {@code n} after the hash {@code prev}, or null. */
    private static String chainProblem(ResultSet rs, long n, String prev) throws SQLException {
        long id = rs.getLong(4);
        if (rs.wasNull()) {
            return "the act has no link in the chain (its act or audit row was deleted before schema V9)";
        }
        if (id != n) {
            return "row id " + id + " where " + n + " was expected (a row was deleted or inserted)";
        }
        if (!prev.equals(hex(rs.getBytes(9)))) {
            return "link to the previous row does not match";
        }
        String contentHash = hex(rs.getBytes(8));
        String rowHash = AuditChain.rowHash(id, prev, rs.getString(2), rs.getLong(1), rs.getString(3), rs.getString(5),
                rs.getString(6), rs.getLong(7), contentHash);
        if (!rowHash.equals(hex(rs.getBytes(10)))) {
            return "row content does not match its hash";
        }
        byte[] payload = rs.getBytes(11);
        if (payload != null && !AuditChain.sha256(payload).equals(contentHash)) {
            return "the act's stored details do not match the audited hash";
        }
        return null;
    }

    /**
     * What is wrong with the AUDIT_HEAD entry in row {@code rs} of {@link #SQL_CHAIN} when the chain before it has
     * {@code n} links ending in {@code head}, or null. It was written under the write lock with the chain's count and
     * head of that moment, so an act deleted or a chain rewritten before it shows here. A purged one proves nothing.
     */
    private String headProblem(ResultSet rs, long n, String head) throws SQLException {
        byte[] sealed = rs.getBytes(11);
        if (sealed == null) {
            return null;
        }
        JsonNode claim;
        try {
            claim = JSON.readTree(openPayload(sealed, rs.getString(2), rs.getLong(1)));
        } catch (java.io.IOException | MadoguchiException e) {
            return "the AUDIT_HEAD entry at seq " + rs.getLong(1) + " cannot be opened";
        }
        if (claim.path("count").asLong(-1) != n || !head.equals(claim.path("hash").asText())) {
            return "the AUDIT_HEAD entry at seq " + rs.getLong(1) + " names " + claim.path("count").asLong(-1)
                    + " links, the chain before it has " + n + " (or another head)";
        }
        return null;
    }

    /** {@link #verifyAudit()} for start-up and reports: MDG-CACHE-009 naming the first bad row when the chain is broken. */
    public AuditVerification requireIntactAudit() {
        AuditVerification v = verifyAudit();
        if (!v.intact()) {
            LOG.error("audit chain broken at row {}: {}", v.badRow(), v.problem());
            throw new MadoguchiException(CacheFailure.AUDIT_CHAIN_BROKEN, Map.of("row", v.badRow()));
        }
        return v;
    }

    /**
     * Removes the personal data of acts that central acknowledged more than the retention period ago
     * ({@link StoreSettings#piiRetention()}, configuration key {@code cache.pii.retention.days}), and of
     * CONFLICT or REJECTED acts whose case was closed more than that period ago: the sealed payload (the act's
     * details) goes and {@code purged_at} is set, by seq; the row keeps its link of the audit chain (which still
     * verifies), its ids and its state. Acknowledged AUDIT_HEAD entries lose their payload the same way. The texts
     * of case notes and closes central acknowledged that long ago go too. Returns how many outbox entries were
     * purged. The sync engine calls it once an hour.
     */
    public int purgePersonalData() {
        long now = settings.clock().millis();
        long cutoff = now - settings.piiRetention().toMillis();
        return write(s -> {
            // By seq: the outbox's key, and since V9 the act's (it has no op_id index, V5).
            List<Long> seqs = new ArrayList<>();
            s.doWork(c -> {
                for (String query : List.of(SQL_PURGEABLE_ACKED, SQL_PURGEABLE_CONFLICTS, SQL_PURGEABLE_REJECTIONS)) {
                    try (PreparedStatement p = c.prepareStatement(query)) {
                        p.setLong(1, cutoff);
                        try (ResultSet rs = p.executeQuery()) {
                            while (rs.next()) {
                                seqs.add(rs.getLong(1));
                            }
                        }
                    }
                }
            });
            for (int i = 0; i < seqs.size(); i += 500) {
                int end = Math.min(seqs.size(), i + 500);
                s.createMutationQuery("update OutboxRow set payload = null, purgedAt = :n where seq in :s")
                        .setParameter("n", now).setParameter("s", seqs.subList(i, end)).executeUpdate();
            }
            s.createMutationQuery("update CaseActionRow set body = null where sentAt < :c and body is not null")
                    .setParameter("c", cutoff).executeUpdate();
            return seqs.size();
        });
    }

    /** The store's files (for diagnostics and docs). */
    public StoreSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        checkpointer.close();
        try {
            onWriter(() -> {
                if (!closed) {
                    closed = true;
                    db.close();
                }
                return null;
            });
        } finally {
            writer.shutdown();
        }
    }

    // ---- internals ----

    private interface Work<T> {
        T run(Session s);
    }

    private <T> T write(Work<T> work) {
        return onWriter(() -> inSession(work));
    }

    /** A Hibernate transaction, on the writer thread; a failure is diagnosed (and the connection replaced). */
    private <T> T inSession(Work<T> work) {
        try {
            return db.sessions().fromTransaction(work::run);
        } catch (RuntimeException e) {
            throw diagnose(e);
        }
    }

    /** A plain JDBC IMMEDIATE transaction, on the writer thread; a failure is diagnosed (and the connection replaced). */
    private <T> T inTransaction(SqliteDatabase.JdbcWork<T> work) {
        try {
            return db.inJdbcTransaction(work);
        } catch (RuntimeException e) {
            throw diagnose(e);
        }
    }

    /**
     * Runs {@code task} on the writer thread under the write lock. Never called while holding the lock (from
     * inside {@link #record}'s work): the writer would wait for the lock its caller holds.
     */
    private <T> T onWriter(Callable<T> task) {
        Future<T> f = writer.submit(() -> {
            writeLock.lock();
            try {
                return task.call();
            } finally {
                writeLock.unlock();
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw SqliteDatabase.translate(r, settings.outboxFile());
            }
            throw new IllegalStateException(c);
        }
    }

    /**
     * Runs {@code task} on the calling thread under the write lock (the lock is fair: callers and the writer
     * thread's tasks take turns in arrival order). Fails, recording nothing, if the store is closed or the
     * caller is interrupted while waiting.
     */
    private <T> T underWriteLock(Callable<T> task) {
        try {
            writeLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store", e);
        }
        try {
            if (closed) {
                throw new IllegalStateException("the store is closed: " + settings.outboxFile());
            }
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw SqliteDatabase.translate(e, settings.outboxFile());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void checkTerminal() {
        db.sessions().inTransaction(s -> {
            MetaRow t = s.find(MetaRow.class, META_TERMINAL);
            if (t == null) {
                s.persist(new MetaRow(META_TERMINAL, settings.terminalId()));
            } else if (!t.value.equals(settings.terminalId())) {
                throw new IllegalStateException("store belongs to terminal " + t.value + ", not " + settings.terminalId());
            }
        });
    }

    /**
     * The head of the audit chain: the link of the newest act, read from the end of the outbox in seq order (an act's
     * seq and its place in the chain grow together); it passes over the AUDIT_HEAD entries after it and, in a store
     * someone edited, an act without a link.
     */
    static final String SQL_CHAIN_HEAD = "SELECT audit_id, row_hash FROM outbox WHERE row_hash IS NOT NULL ORDER BY seq DESC LIMIT 1";

    private void reloadCounters() {
        db.sessions().inTransaction(s -> {
            Long maxSeq = s.createSelectionQuery("select max(seq) from OutboxRow", Long.class).getSingleResult();
            nextSeq = maxSeq == null ? 1 : maxSeq + 1;
            s.doWork(c -> {
                try (PreparedStatement p = c.prepareStatement(SQL_CHAIN_HEAD); ResultSet rs = p.executeQuery()) {
                    boolean any = rs.next();
                    nextAuditId = any ? rs.getLong(1) + 1 : 1;
                    headHash = any ? hex(rs.getBytes(2)) : AuditChain.GENESIS;
                }
            });
            // The last clock reading is the newest entry's time: no extra row to write per act.
            Long last = s.createSelectionQuery("select max(occurredAt) from OutboxRow", Long.class).getSingleResult();
            lastClockMillis = last == null ? 0 : last;
            Long unsettled = s.createSelectionQuery("select min(seq) from OutboxRow where state in ('PENDING', 'IN_FLIGHT')", Long.class)
                    .getSingleResult();
            unsettledFrom = unsettled == null ? nextSeq : unsettled;
            unsettledCount = s.createSelectionQuery("select count(*) from OutboxRow where seq >= :w and state in ('PENDING', 'IN_FLIGHT')",
                    Long.class).setParameter("w", unsettledFrom).getSingleResult();
        });
    }

    private void reloadAfterFailure() {
        db.resetConnection();
        try {
            reloadCounters();
        } catch (RuntimeException e) {
            db.resetConnection();
            LOG.warn("could not reload counters after a failed write; they are reloaded on the next open", e);
        }
    }

    /**
     * Every follow-up case, OPEN and CLOSED, oldest first, with their notes opened: the sync report
     * prints each conflict and rejection with its resolution state, which {@link #openCases()} cannot
     * tell for a closed one. Blocks until the writer thread has read them.
     */
    public List<FollowUpCase> cases() {
        return onWriter(() -> db.sessions().fromTransaction(s -> s.createSelectionQuery(
                "from CaseRow order by openedAt, caseId", CaseRow.class).getResultList().stream()
                .map(c -> new FollowUpCase(c.caseId, c.kind, c.seq, c.opId, c.type, c.cardSerial, c.reason, c.status,
                        Instant.ofEpochMilli(c.openedAt), openNote(c), c.notedBy))
                .toList()));
    }
}

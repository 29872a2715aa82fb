package jp.madoguchi.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.SecretKey;
import jp.madoguchi.cache.protocol.FeedPage;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * What central's office feed said, in {@code read-cache.db}: card statuses with their versions, the
 * raw events (sealed: CARD_SHIPPED and EXPIRY_NOTICE_SENT carry resident summaries) and the feed
 * checkpoint. Everything here can be fetched again, so the file runs with {@code synchronous=NORMAL};
 * a page of events and its checkpoint are still written in one transaction, so after any crash the
 * cache is at some page boundary and the next pull continues from there.
 *
 * <p>Threads: one thread of its own does every database call; methods block until it has.
 */
public final class ReadCache implements AutoCloseable {

    private final SqliteDatabase db;
    private final FieldCipher cipher;
    private final Clock clock;
    private final ExecutorService thread;
    private final String officeCode;

    private ReadCache(SqliteDatabase db, FieldCipher cipher, Clock clock, ExecutorService thread, String officeCode) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
        this.thread = thread;
        this.officeCode = officeCode;
    }

    public static ReadCache open(StoreSettings settings, SecretKey key, String officeCode) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "read-cache");
            t.setDaemon(true);
            return t;
        });
        try {
            SqliteDatabase db = thread.submit(() -> SqliteDatabase.open(settings.readCacheFile(), SqliteDatabase.Durability.NORMAL,
                    settings.busyTimeout().toMillis(), "db/readcache",
                    List.of(CachedCardRow.class, FeedEventRow.class, FeedCheckpointRow.class, CachedApplicationRow.class))).get();
            return new ReadCache(db, new FieldCipher(key), settings.clock(), thread, officeCode);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            thread.shutdownNow();
            throw SqliteDatabase.translate(e.getCause(), settings.readCacheFile());
        }
    }

    /** The checkpoint to read the feed after, or null to read from the beginning. */
    public String checkpoint() {
        return on(() -> db.sessions().fromTransaction(s -> {
            FeedCheckpointRow row = s.find(FeedCheckpointRow.class, officeCode);
            return row == null ? null : row.checkpoint;
        }));
    }

    /** When the feed was last read to its end, or null if never. */
    public Instant refreshedAt() {
        return on(() -> db.sessions().fromTransaction(s -> {
            FeedCheckpointRow row = s.find(FeedCheckpointRow.class, officeCode);
            return row == null ? null : Instant.ofEpochMilli(row.refreshedAt);
        }));
    }

    /**
     * Stores one feed page and its checkpoint in one transaction. Card events update the cached status
     * only when their version is newer than the cached one, so a replayed page changes nothing.
     */
    void apply(FeedPage page) {
        long now = clock.millis();
        on(() -> {
            db.sessions().inTransaction(s -> {
                for (JsonNode event : page.events()) {
                    long id = event.path("eventId").asLong();
                    if (s.find(FeedEventRow.class, id) != null) {
                        continue;
                    }
                    FeedEventRow row = new FeedEventRow();
                    row.eventId = id;
                    row.type = event.path("type").asText();
                    row.cardSerial = event.path("cardSerial").asText(null);
                    row.body = seal(event, id);
                    row.receivedAt = now;
                    s.persist(row);
                    if (row.cardSerial != null && event.has("status") && row.type.startsWith("CARD_")) {
                        CachedCardRow card = s.find(CachedCardRow.class, row.cardSerial);
                        long version = event.path("version").asLong(0);
                        if (card == null) {
                            card = new CachedCardRow();
                            card.cardSerial = row.cardSerial;
                            card.version = -1;
                            card.applicationId = event.path("applicationId").asText(null);
                        }
                        if (version >= card.version) {
                            card.status = event.path("status").asText();
                            card.version = version;
                            card.updatedAt = now;
                            s.merge(card);
                        }
                    }
                    if (row.type.startsWith("APPLICATION_") && event.hasNonNull("applicationId") && event.has("status")) {
                        cacheApplication(s, event, now);
                    }
                }
                FeedCheckpointRow cp = s.find(FeedCheckpointRow.class, officeCode);
                if (cp == null) {
                    cp = new FeedCheckpointRow();
                    cp.officeCode = officeCode;
                }
                cp.checkpoint = page.checkpoint();
                cp.refreshedAt = now;
                s.merge(cp);
            });
            return null;
        });
    }

    /** Keeps the newest status of an application; an older or replayed event changes nothing. */
    private static void cacheApplication(org.hibernate.Session s, JsonNode event, long now) {
        String id = event.path("applicationId").asText();
        long version = event.path("version").asLong(0);
        CachedApplicationRow app = s.find(CachedApplicationRow.class, id);
        if (app == null) {
            app = new CachedApplicationRow();
            app.applicationId = id;
            app.version = -1;
        }
        if (version >= app.version) {
            app.status = event.path("status").asText();
            app.reason = event.path("reason").asText(null);
            app.version = version;
            app.updatedAt = now;
            s.merge(app);
        }
    }

    private byte[] seal(JsonNode event, long id) {
        try {
            return cipher.seal(CacheStore.JSON.writeValueAsBytes(event), ("feed:" + id).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Optional<CachedCard> card(String cardSerial) {
        return on(() -> db.sessions().fromTransaction(s -> Optional.ofNullable(s.find(CachedCardRow.class, cardSerial))
                .map(r -> new CachedCard(r.cardSerial, r.status, r.version, r.applicationId, Instant.ofEpochMilli(r.updatedAt)))));
    }

    /**
     * Every cached card whose central status is {@code status} (e.g. ISSUED: awaiting delivery at this
     * office), in serial order. Blocks until the cache thread has read them.
     */
    public List<CachedCard> cards(String status) {
        return on(() -> db.sessions().fromTransaction(s -> s.createSelectionQuery(
                "from CachedCardRow where status = :st order by cardSerial", CachedCardRow.class).setParameter("st", status)
                .getResultList().stream()
                .map(r -> new CachedCard(r.cardSerial, r.status, r.version, r.applicationId, Instant.ofEpochMilli(r.updatedAt)))
                .toList()));
    }

    /** An application's central status as the feed last said it (APPLICATION_* events), if the feed named it. */
    public Optional<CachedApplication> application(String applicationId) {
        return on(() -> db.sessions().fromTransaction(s -> Optional.ofNullable(s.find(CachedApplicationRow.class, applicationId))
                .map(ReadCache::application)));
    }

    /**
     * Every cached application whose central status is {@code status} (e.g. DEFECT_RETURNED: returned
     * by J-LIS for a defect in photo or form), in id order. Blocks until the cache thread has read them.
     */
    public List<CachedApplication> applications(String status) {
        return on(() -> db.sessions().fromTransaction(s -> s.createSelectionQuery(
                "from CachedApplicationRow where status = :st order by applicationId", CachedApplicationRow.class)
                .setParameter("st", status).getResultList().stream().map(ReadCache::application).toList()));
    }

    private static CachedApplication application(CachedApplicationRow r) {
        return new CachedApplication(r.applicationId, r.status, r.reason, r.version, Instant.ofEpochMilli(r.updatedAt));
    }

    /** The feed events stored for a card, opened, oldest first (for the counter screens). */
    public List<JsonNode> events(String cardSerial) {
        return on(() -> db.sessions().fromTransaction(s -> s.createSelectionQuery(
                "from FeedEventRow where cardSerial = :c order by eventId", FeedEventRow.class).setParameter("c", cardSerial)
                .getResultList().stream().map(r -> {
                    try {
                        return CacheStore.JSON.readTree(cipher.open(r.body, ("feed:" + r.eventId).getBytes(StandardCharsets.US_ASCII),
                                "feed " + r.eventId));
                    } catch (IOException e) {
                        throw new MadoguchiException(CacheFailure.CORRUPTED_ROW, Map.of("seq", "feed " + r.eventId), e);
                    }
                }).toList()));
    }

    /**
     * The PR-24 gate for an act done while central is unreachable: the card must be cached
     * (else MDG-CARD-010) and the cache refreshed within {@code maxAge} (else MDG-SYNC-003). The caller
     * then checks the cached status for the operation and uses its version as basedOn.
     */
    public CachedCard requireForOffline(String cardSerial, Duration maxAge) {
        Instant refreshed = refreshedAt();
        if (refreshed == null || refreshed.isBefore(clock.instant().minus(maxAge))) {
            throw new MadoguchiException(CounterFailure.SYNC_CACHE_TOO_OLD, Map.of("hours", maxAge.toHours()));
        }
        return card(cardSerial).orElseThrow(() -> new MadoguchiException(CounterFailure.CARD_NOT_IN_STOCK));
    }

    @Override
    public void close() {
        try {
            on(() -> {
                db.close();
                return null;
            });
        } finally {
            thread.shutdown();
        }
    }

    private <T> T on(Callable<T> task) {
        try {
            return thread.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the read cache", e);
        } catch (ExecutionException e) {
            throw SqliteDatabase.translate(e.getCause(), db.file());
        }
    }

    /**
     * Every card the office feed ever named with a status, whatever that status is, in serial order (the
     * expiry list walks them all: delivered, suspended and revoked cards as well as those awaiting
     * delivery). Blocks until the cache thread has read them.
     */
    public List<CachedCard> cards() {
        return on(() -> db.sessions().fromTransaction(s -> s.createSelectionQuery(
                "from CachedCardRow order by cardSerial", CachedCardRow.class).getResultList().stream()
                .map(r -> new CachedCard(r.cardSerial, r.status, r.version, r.applicationId, Instant.ofEpochMilli(r.updatedAt)))
                .toList()));
    }
}

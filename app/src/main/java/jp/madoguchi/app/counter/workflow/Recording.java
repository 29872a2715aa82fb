package jp.madoguchi.app.counter.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.cache.RecordedAct;

/**
 * Recording of counter acts (counter-rules PR-19) with crash safety: before an act is committed the
 * workflow saves the store's last seq; after a crash between the commit and the saved "recorded"
 * mark, {@link #findRecorded} finds the act by its type and card serial among the entries after that
 * seq, so it is never recorded twice. Refused or aborted attempts go to a local tally file (code,
 * operation, time; no personal data), never to central. Caller's thread; the store serialises writes.
 */
final class Recording {

    private final CacheStore store;
    private final Path attempts;

    Recording(CacheStore store, Path stateDir) {
        this.store = store;
        this.attempts = stateDir.resolve("attempts.tsv");
    }

    long lastSeq() {
        return store.summary().lastSeq();
    }

    /** One act in one store transaction (one outbox row with its link of the audit chain); blocks until it is on disk. */
    RecordedAct record(CounterAct act) {
        return store.record(act);
    }

    /** Several acts in ONE store transaction, in order; blocks until they are on disk. */
    List<RecordedAct> record(List<CounterAct> acts) {
        return store.record(acts);
    }

    /** The act of {@code type} for {@code cardSerial} (and {@code extraKey}={@code extraValue}) recorded after {@code afterSeq}. */
    Optional<OutboxEntry> findRecorded(long afterSeq, String type, String cardSerial, String extraKey, String extraValue) {
        for (OutboxEntry e : store.entries(afterSeq + 1, 200)) {
            if (!e.type().name().equals(type)) {
                continue;
            }
            JsonNode details = store.details(e.seq());
            if (details != null && cardSerial.equals(details.path("cardSerial").asText())
                    && (extraKey == null || extraValue.equals(details.path(extraKey).asText()))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Appends a refused or aborted attempt to the local tally (PR-19: recorded locally, not sent). */
    void refused(String operation, String code, Instant at) {
        try {
            Files.createDirectories(attempts.getParent());
            Files.writeString(attempts, at + "\t" + operation + "\t" + code + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("tally of refused attempts", e);
        }
    }

    static Map<String, Object> payload(Object... keyValues) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}

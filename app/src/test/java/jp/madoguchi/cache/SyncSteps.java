package jp.madoguchi.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import jp.madoguchi.cache.protocol.FeedPage;

/**
 * The two steps of the sync engine that change what the reports read, called exactly as the engine
 * calls them (same package): a feed page stored in the read cache, and central's answer to a sent
 * entry recorded in the store. Lets a test put precise dates and outcomes into a real SQLite store and
 * read cache without a central system that would have to produce them.
 */
public final class SyncSteps {

    private SyncSteps() {
    }

    /** Stores one feed page (events in central order, each with its {@code eventId}) and a checkpoint. */
    public static void applyFeed(ReadCache cache, List<JsonNode> events, String checkpoint) {
        cache.apply(new FeedPage(events, checkpoint, false));
    }

    /** Marks {@code act} in flight and records central's {@code outcome} for it (APPLIED, APPLIED_WITH_CONFLICT, REJECTED). */
    public static void answer(CacheStore store, RecordedAct act, String outcome, String reason, String caseId) {
        store.markInFlight(act.seq(), act.seq());
        store.applyOutcomes(act.seq(), act.seq(),
                List.of(new OperationOutcome(act.opId().toString(), outcome, null, reason, null, caseId)));
    }
}

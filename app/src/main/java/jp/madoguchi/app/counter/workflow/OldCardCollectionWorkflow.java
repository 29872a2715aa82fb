package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.OperationType;

/**
 * Old-card collection on its own (旧カード等の回収, counter-rules PR-58): an item not handed in at
 * delivery (declared lost and found later, or the old card of a holder whose new card was posted) is
 * brought in later, as a state machine:
 *
 * <pre>
 *  start (permission, the holder's card in this office's cache) ─▶ IDENTITY (A×1 or B×1) ─▶ COLLECTED_ITEMS ─▶ DONE
 *   │ refused                                                      any step: cancel() ─▶ CANCELLED
 *   ▼
 *  REFUSED
 * </pre>
 *
 * Nothing is read from or written to a card. Each card handed in or declared lost is one
 * {@code OLD_CARD_COLLECTED} against the holder's current card, all in ONE store transaction; they are
 * queueable (PR-22), so the collection completes offline too and the notices say it is queued. Central
 * revokes a collected My Number Card named by its serial (PR-32). One caller thread.
 */
public final class OldCardCollectionWorkflow extends CounterWorkflow<OldCardCollectionWorkflow.Step> {

    public enum Step { IDENTITY, COLLECTED_ITEMS, DONE, REFUSED, CANCELLED }

    /** What the collection record shows. */
    public record Receipt(String cardSerialLast4, List<CollectedItem> collected, VisitorType visitorType, List<String> idMethod,
                          UUID opId, long seq, Instant at, boolean queuedOffline, List<Notice> notices) {
    }

    private static final String KIND = "old-card-";

    private List<CollectedItem> collected = List.of();
    private Receipt receipt;

    private OldCardCollectionWorkflow(CounterStation station, String id) {
        super(station, KIND, id, Operation.OLD_CARD_COLLECTION, Step.class, Step.IDENTITY);
    }

    /**
     * Starts a collection for the holder of {@code serial} (their current card, found by the clerk):
     * permission (§1.3; at a mission, overseas cards only), connectivity, the card's record in this
     * office's cache (another office's card: MDG-CARD-002).
     */
    public static OldCardCollectionWorkflow start(CounterStation station, String serial, VisitorType visitor) {
        OldCardCollectionWorkflow w = new OldCardCollectionWorkflow(station, null);
        w.serial = serial;
        w.visitor = visitor;
        if (!w.admit(Operation.OLD_CARD_COLLECTION, "—")) {
            return w;
        }
        Optional<Refusal> permitted = w.permission(Operation.OLD_CARD_COLLECTION, Optional.empty(), Optional.empty());
        if (permitted.isPresent()) {
            w.refuse(permitted.get());
        } else {
            w.moveTo(Step.IDENTITY);
        }
        return w;
    }

    /** Picks up a saved collection after a crash (a record already committed is found, not repeated). */
    public static OldCardCollectionWorkflow resume(CounterStation station, String id) {
        OldCardCollectionWorkflow w = new OldCardCollectionWorkflow(station, id);
        w.restore(Step.class);
        return w;
    }

    public static List<String> interrupted(CounterStation station) {
        return interrupted(station, KIND);
    }

    @Override
    void restoreState(Map<String, String> s) {
        collected = DeliveryWorkflow.decodeItems(s.getOrDefault("items", ""));
    }

    @Override
    void saveState(Map<String, String> s) {
        s.put("items", DeliveryWorkflow.encodeItems(collected));
    }

    /** Step IDENTITY (§2.0, PR-58: A×1 or B×1); refused with MDG-ID-001 and the step stays. */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        if (identityChecked(check, photoOnCard(), false)) {
            moveTo(Step.COLLECTED_ITEMS);
        }
    }

    /**
     * Step COLLECTED_ITEMS: the items (PR-18: collected, or declared lost with a signed declaration),
     * recorded at once, one {@code OLD_CARD_COLLECTED} per card; DONE with the receipt. Items that are
     * no card or not held record nothing: a list without any card is MDG-FLOW-004 and the step stays.
     */
    public void collected(List<CollectedItem> items) {
        expect(Step.COLLECTED_ITEMS);
        List<CounterAct> acts = DeliveryWorkflow.oldCardActs(this, items);
        if (acts.isEmpty()) {
            fail(wrongStep());
            return;
        }
        collected = List.copyOf(items);
        if (seqBefore < 0) {
            markBeforeRecord();
        }
        Recorded r = recordOnce(OperationType.OLD_CARD_COLLECTED, () -> acts);
        receipt = new Receipt(record.card().serialLast4(), collected, visitor, idMethod, r.opId(), r.seq(), r.at(), queuedOffline,
                notices());
        finish();
    }

    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
    }

    @Override
    Input input(Step s) {
        return switch (s) {
            case IDENTITY -> Input.IDENTITY;
            case COLLECTED_ITEMS -> Input.COLLECTED_ITEMS;
            default -> Input.NONE;
        };
    }
}

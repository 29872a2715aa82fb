package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.rules.PinRules;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.card.CardRemovedException;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.common.MadoguchiException;

/**
 * Delivery (交付, counter-rules §2.1) as a state machine:
 *
 * <pre>
 *  start ─▶ IDENTITY ─▶ CARD ─▶ COLLECTED_ITEMS ─▶ PINS (one PIN per call) ─▶ ACTIVATE ─▶ RECORD ─▶ DONE
 *   │ a clerk delivering to a voluntary proxy: approve() by a supervisor before PINS/ACTIVATE (else MDG-FLOW-007)
 *   │ refused (permission, PR-24, preconditions)      │ card pulled: CARD again (same card), resume at the first PIN not set
 *   ▼                                                  ▼
 *  REFUSED                                 any step: cancel() ─▶ CANCELLED
 * </pre>
 *
 * The card is written only in PINS (RESET RETRY COUNTER per PIN, each in its own counter-authenticated
 * session, so a pull loses at most the PIN being written; the confirmed PINs are saved, because a
 * TRANSPORT card cannot tell which of its PINs are set) and ACTIVATE (life cycle OPERATIONAL). The
 * record is one store transaction (business row, outbox, audit); the clerk sees "done" only after it.
 * Offline the act is queued and the clerk is told that the certificates work only once it has reached
 * central (PR-25). State is saved after every step (no PIN ever) so that {@link #resume} picks up after
 * a crash. One caller thread; each call blocks on the card thread and the disk.
 */
public final class DeliveryWorkflow extends CounterWorkflow<DeliveryWorkflow.Step> {

    public enum Step { IDENTITY, CARD, COLLECTED_ITEMS, PINS, ACTIVATE, RECORD, DONE, REFUSED, CANCELLED }

    /** What the delivery receipt prints (counter-rules §6.1); no PIN, no My Number. */
    public record Receipt(String cardSerialLast4, String applicationId, Instant deliveredAt, VisitorType visitorType,
                          List<String> idMethod, Set<PinType> pinTypesSet, List<CollectedItem> collected, UUID opId,
                          long seq, boolean queuedOffline, List<Notice> notices) {
    }

    private static final String KIND = "delivery-";

    private List<CollectedItem> collected = List.of();
    private Set<PinType> pinsToSet = EnumSet.noneOf(PinType.class);
    private final Set<PinType> pinsSet = EnumSet.noneOf(PinType.class);
    private Receipt receipt;

    private DeliveryWorkflow(CounterStation station, String id) {
        super(station, KIND, id, Operation.DELIVERY, Step.class, Step.IDENTITY);
    }

    /**
     * Starts the delivery of the card {@code serial} (found by the clerk from the 交付通知書) to a
     * {@code visitor}: permission (§1.3), connectivity and the offline preconditions (PR-24), then the
     * card preconditions of §2.1 on the cached record. A refusal ends in REFUSED with its code.
     */
    public static DeliveryWorkflow start(CounterStation station, String serial, VisitorType visitor) {
        // A card the cache does not know is, online, another office's stock: its feed never shipped it here.
        DeliveryWorkflow w = new DeliveryWorkflow(station, null);
        w.serial = serial;
        w.visitor = visitor;
        Optional<Refusal> permitted = w.permission(Operation.DELIVERY, Optional.empty(), Optional.empty());
        if (permitted.isPresent()) {
            w.refuse(permitted.get());
        } else if (w.admit(Operation.DELIVERY, "—")) {
            w.moveTo(Step.IDENTITY);
        }
        return w;
    }

    /** Picks up a saved delivery after a crash: the card must be presented again before anything else. */
    public static DeliveryWorkflow resume(CounterStation station, String id) {
        DeliveryWorkflow w = new DeliveryWorkflow(station, id);
        w.restore(Step.class);
        return w;
    }

    /** Saved deliveries not finished (for the "interrupted work" list at sign-in). */
    public static List<String> interrupted(CounterStation station) {
        return interrupted(station, KIND);
    }

    @Override
    void restoreState(Map<String, String> s) {
        collected = decodeItems(s.getOrDefault("items", ""));
        split(s.get("pinsSet")).forEach(t -> pinsSet.add(PinType.valueOf(t)));
        if (queuedOffline) {
            notice(Notice.of(Notice.Kind.CERTIFICATES_AFTER_SYNC));
        }
    }

    @Override
    void saveState(Map<String, String> s) {
        s.put("items", encodeItems(collected));
        s.put("pinsSet", join(pinsSet));
    }

    /** Step IDENTITY: the documents seen (§2.0); refused with MDG-ID-001 / MDG-PROXY-001 and the step stays. */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        if (identityChecked(check, photoOnCard(), false)) {
            moveTo(Step.CARD);
        }
    }

    /**
     * Step CARD (also after a pull or a crash): reads the card without a PIN; it must be the selected
     * card (MDG-CARD-001, nothing written). Which PINs are still to set is read from the card itself,
     * so a resumed delivery continues at the first PIN not yet set.
     */
    public void cardPresented() {
        if (step() != Step.CARD && (cardVerified || !isCardStep(step()))) {
            throw wrongStep();
        }
        Optional<CardSnapshot> snap = readCard();
        if (snap.isEmpty()) {
            return;
        }
        try {
            Map<PinKind, PinStatus> pins = card.pins();
            Set<PinType> required = PinRules.pinsToSetAtDelivery(record.card(), snap.get().signCertificatePresent());
            // A TRANSPORT card answers 6984 to every retry query (card-spec §2.5), so it cannot show
            // which PINs are set: the saved list of confirmed PINs decides; an OPERATIONAL card has all.
            pinsToSet = EnumSet.noneOf(PinType.class);
            for (PinType t : required) {
                PinStatus st = pins.get(PinKind.valueOf(t.name()));
                boolean onCard = st != null && st.state() != PinStatus.State.NOT_SET;
                if (onCard || pinsSet.contains(t)) {
                    pinsSet.add(t);
                } else {
                    pinsToSet.add(t);
                }
            }
        } catch (MadoguchiException e) {
            cardPulled(e);
            return;
        }
        if (step() == Step.CARD) {
            moveTo(Step.COLLECTED_ITEMS);
        } else {
            stay();
        }
    }

    private static boolean isCardStep(Step s) {
        return s == Step.COLLECTED_ITEMS || s == Step.PINS || s == Step.ACTIVATE || s == Step.RECORD;
    }

    /** Step COLLECTED_ITEMS: the 交付通知書, 通知カード, 住基カード, old card (PR-18). */
    public void collected(List<CollectedItem> items) {
        expect(Step.COLLECTED_ITEMS);
        collected = List.copyOf(items);
        moveTo(pinsToSet.isEmpty() ? Step.ACTIVATE : Step.PINS);
    }

    /** In PINS: the PIN the resident sets next, in the order SIGN, AUTH, JUKI, CARD_TEXT. */
    public Optional<PinType> pinToSet() {
        return step() == Step.PINS ? pinsToSet.stream().findFirst() : Optional.empty();
    }

    /**
     * Step PINS: the resident's entry and confirmation of {@link #pinToSet()}. Format (MDG-PIN-001/002)
     * and confirmation (MDG-PIN-003) are checked first; a weak PIN adds a notice and is accepted. The PIN
     * is then written in its own admin session. Both arrays are cleared before this returns.
     */
    public void newPin(char[] entry, char[] confirmation) {
        // PR-28: a pull before or between PIN writes asks for the card again; the card itself then tells
        // which PINs are set, so a pull during a write is resolved the same way.
        Optional<PinType> written = writeNewPin(Step.PINS, this::pinToSet, "delivery PIN", entry, confirmation);
        if (written.isEmpty()) {
            return;
        }
        pinsToSet.remove(written.get());
        pinsSet.add(written.get());
        if (pinsToSet.isEmpty()) {
            moveTo(Step.ACTIVATE);
        } else {
            stay();
        }
    }

    /**
     * Steps ACTIVATE and RECORD: life cycle OPERATIONAL (skipped when the card already is), then the
     * record in one transaction, then DONE with the receipt. After a crash during RECORD the act is
     * looked up first, so it is never recorded twice.
     */
    public void proceed() {
        if (step() != Step.ACTIVATE && step() != Step.RECORD) {
            throw wrongStep();
        }
        expectCard(step());
        if (!approved()) {
            return;
        }
        try {
            if (step() == Step.ACTIVATE) {
                card.administer("delivery activate", admin -> {
                    if (admin.lifeCycle() == CardSnapshot.LifeCycle.TRANSPORT) {
                        admin.setOperational();
                    }
                    return null;
                });
                seqBefore = recording.lastSeq();
                moveTo(Step.RECORD);
            }
        } catch (CardRemovedException e) {
            cardPulled(e);
            return;
        } catch (MadoguchiException e) {
            fail(e);
            return;
        }
        recordAct();
    }

    private void recordAct() {
        Instant now = station.clock().instant();
        // The delivery and each collected old card: one store transaction (business rows, outbox, audit).
        Recorded r = recordOnce(OperationType.DELIVERY_COMPLETED, () -> {
            List<CounterAct> acts = new ArrayList<>();
            acts.add(act(OperationType.DELIVERY_COMPLETED, Recording.payload("cardSerial", serial, "applicationId",
                    record.card().applicationId(), "deliveredAt", now.toString(), "visitorType", visitor.name(),
                    "idMethod", idMethod, "pinTypesSet", pinsSet.stream().map(Enum::name).toList(), "cardType", "PIN")));
            acts.addAll(oldCardActs(this, collected));
            return acts;
        });
        receipt = new Receipt(record.card().serialLast4(), record.card().applicationId(), r.at(), visitor, idMethod,
                pinsSet.isEmpty() ? EnumSet.noneOf(PinType.class) : EnumSet.copyOf(pinsSet), collected, r.opId(), r.seq(),
                queuedOffline, notices());
        finish();
    }

    /** One {@code OLD_CARD_COLLECTED} per card handed in or declared lost (PR-18; the notice is not a card). */
    static List<CounterAct> oldCardActs(CounterWorkflow<?> w, List<CollectedItem> items) {
        List<CounterAct> acts = new ArrayList<>();
        for (CollectedItem item : items) {
            if (!item.kind().isCard() || item.disposition() == CollectedItem.Disposition.NOT_HELD) {
                continue;
            }
            Map<String, Object> p = Recording.payload("cardSerial", w.serial, "item", oldCardKind(item.kind()),
                    "disposition", item.disposition().name());
            item.itemSerial().ifPresent(x -> p.put("itemSerial", x));
            acts.add(w.act(OperationType.OLD_CARD_COLLECTED, p));
        }
        return acts;
    }

    private static String oldCardKind(CollectedItem.Kind kind) {
        return switch (kind) {
            case PREVIOUS_MY_NUMBER_CARD -> "MY_NUMBER_CARD";
            case JUKI_CARD -> "JUKI_CARD";
            case NOTIFICATION_CARD -> "NOTIFICATION_CARD";
            case DELIVERY_NOTICE -> throw new IllegalArgumentException("the notice is not a card");
        };
    }

    /** The receipt once DONE. */
    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
    }

    /** The card's record as the workflow judged it (for the screen). */
    public Optional<CardRecord> cardRecord() {
        return Optional.ofNullable(record);
    }

    @Override
    Input input(Step s) {
        return switch (s) {
            case IDENTITY -> Input.IDENTITY;
            case COLLECTED_ITEMS -> Input.COLLECTED_ITEMS;
            case PINS -> Input.NEW_PIN;
            case ACTIVATE, RECORD -> Input.PROCEED;
            default -> Input.NONE;
        };
    }

    /** {@inheritDoc} Not once the delivery is recorded (WRONG_STEP): it happened. */
    @Override
    public void cancel() {
        if (step() == Step.RECORD && alreadyRecorded(OperationType.DELIVERY_COMPLETED)) {
            throw wrongStep();
        }
        super.cancel();
    }

    static String encodeItems(List<CollectedItem> items) {
        List<String> parts = new ArrayList<>();
        for (CollectedItem i : items) {
            parts.add(i.kind() + ":" + i.disposition() + ":" + i.itemSerial().orElse("") + ":" + i.signedDeclaration());
        }
        return String.join(";", parts);
    }

    static List<CollectedItem> decodeItems(String s) {
        List<CollectedItem> items = new ArrayList<>();
        if (s.isEmpty()) {
            return items;
        }
        for (String part : s.split(";")) {
            String[] f = part.split(":", -1);
            items.add(new CollectedItem(CollectedItem.Kind.valueOf(f[0]), CollectedItem.Disposition.valueOf(f[1]),
                    f[2].isEmpty() ? Optional.empty() : Optional.of(f[2]), Boolean.parseBoolean(f[3])));
        }
        return items;
    }
}

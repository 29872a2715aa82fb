package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import jp.madoguchi.app.counter.rules.ConnectivityRules;
import jp.madoguchi.app.counter.rules.IdentityRules;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.rules.PermissionMatrix;
import jp.madoguchi.app.counter.rules.PinRules;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.RecordedAct;
import jp.madoguchi.card.CardRemovedException;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * Delivery (交付, counter-rules §2.1) as a state machine:
 *
 * <pre>
 *  start ─▶ IDENTITY ─▶ CARD ─▶ COLLECTED_ITEMS ─▶ PINS (one PIN per call) ─▶ ACTIVATE ─▶ RECORD ─▶ DONE
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
public final class DeliveryWorkflow implements Workflow<DeliveryWorkflow.Step> {

    public enum Step { IDENTITY, CARD, COLLECTED_ITEMS, PINS, ACTIVATE, RECORD, DONE, REFUSED, CANCELLED }

    /** What the delivery receipt prints (counter-rules §6.1); no PIN, no My Number. */
    public record Receipt(String cardSerialLast4, String applicationId, Instant deliveredAt, VisitorType visitorType,
                          List<String> idMethod, Set<PinType> pinTypesSet, List<CollectedItem> collected, UUID opId,
                          long seq, boolean queuedOffline, List<Notice> notices) {
    }

    private static final String KIND = "delivery-";

    private final CounterStation station;
    private final CardAccess card;
    private final Recording recording;
    private final WorkflowJournal journal;
    private final String id;
    private final String serial;
    private Step step;
    private CardRecord record;
    private boolean queuedOffline;
    private VisitorType visitor = VisitorType.HOLDER;
    private List<String> idMethod = List.of();
    private List<CollectedItem> collected = List.of();
    private Set<PinType> pinsToSet = EnumSet.noneOf(PinType.class);
    private final Set<PinType> pinsSet = EnumSet.noneOf(PinType.class);
    private boolean cardVerified;
    private long seqBefore = -1;
    private Receipt receipt;
    private MadoguchiException failure;
    private final List<Notice> notices = new ArrayList<>();

    private DeliveryWorkflow(CounterStation station, String id, String serial) {
        this.station = station;
        this.card = new CardAccess(station);
        this.recording = new Recording(station.store(), station.stateDir());
        this.journal = new WorkflowJournal(station.stateDir());
        this.id = id;
        this.serial = serial;
    }

    /**
     * Starts the delivery of the card {@code serial} (found by the clerk from the 交付通知書) to a
     * {@code visitor}: permission (§1.3), connectivity and the offline preconditions (PR-24), then the
     * card preconditions of §2.1 on the cached record. A refusal ends in REFUSED with its code.
     */
    public static DeliveryWorkflow start(CounterStation station, String serial, VisitorType visitor) {
        DeliveryWorkflow w = new DeliveryWorkflow(station, KIND + UUID.randomUUID(), serial);
        w.visitor = visitor;
        w.begin();
        return w;
    }

    /** Picks up a saved delivery after a crash: the card must be presented again before anything else. */
    public static DeliveryWorkflow resume(CounterStation station, String id) {
        Map<String, String> s = new WorkflowJournal(station.stateDir()).load(id)
                .orElseThrow(() -> new MadoguchiException(WorkflowFailure.STATE_UNREADABLE, Map.of()));
        DeliveryWorkflow w = new DeliveryWorkflow(station, id, s.get("serial"));
        w.step = Step.valueOf(s.get("step"));
        w.visitor = VisitorType.valueOf(s.get("visitor"));
        w.idMethod = split(s.get("idMethod"));
        w.collected = decodeItems(s.getOrDefault("items", ""));
        w.queuedOffline = Boolean.parseBoolean(s.get("queuedOffline"));
        w.seqBefore = Long.parseLong(s.getOrDefault("seqBefore", "-1"));
        for (String t : split(s.get("pinsSet"))) {
            w.pinsSet.add(PinType.valueOf(t));
        }
        w.record = CardRecord.load(station.cache(), station.office().code(), w.serial);
        if (w.queuedOffline) {
            w.notices.addAll(List.of(Notice.of(Notice.Kind.QUEUED_UNTIL_SYNC), Notice.of(Notice.Kind.CERTIFICATES_AFTER_SYNC)));
        }
        return w;
    }

    /** Saved deliveries not finished (for the "interrupted work" list at sign-in). */
    public static List<String> interrupted(CounterStation station) {
        return new WorkflowJournal(station.stateDir()).interrupted(KIND);
    }

    private void begin() {
        Instant now = station.clock().instant();
        PermissionMatrix.Decision permitted = station.permissions().decide(new PermissionMatrix.Query(station.office(),
                station.staff(), Operation.DELIVERY, visitor, Optional.empty(), Optional.empty(), false, false));
        if (permitted instanceof PermissionMatrix.Refused r) {
            refuse(r.refusal());
            return;
        }
        if (permitted instanceof PermissionMatrix.Allowed a && a.approvalRequired()) {
            // Supervisor approval (PR-03) is not wired into the workflows yet: refuse rather than skip it.
            refuse(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED));
            return;
        }
        boolean online = station.online();
        Optional<CardRecord> cached = CardRecord.find(station.cache(), station.office().code(), serial);
        ConnectivityRules.Decision link = station.connectivity().decide(new ConnectivityRules.Situation(Operation.DELIVERY,
                station.office(), online, cached.map(CardRecord::card), Optional.empty(),
                Optional.ofNullable(station.cache().refreshedAt()), now), station.officeSettings(), station.calendar());
        if (link instanceof ConnectivityRules.Refused r) {
            refuse(r.refusal());
            return;
        }
        ConnectivityRules.Allowed allowed = (ConnectivityRules.Allowed) link;
        if (cached.isEmpty()) {
            // Online, yet this office's feed never shipped the card here: it is another office's stock.
            refuse(Refusal.of(CounterFailure.CARD_OTHER_OFFICE, "office", "—"));
            return;
        }
        record = cached.get();
        Optional<Refusal> pre = station.preconditions().check(Operation.DELIVERY, record.card(), station.office(), Optional.empty(), now);
        if (pre.isPresent()) {
            refuse(pre.get());
            return;
        }
        queuedOffline = allowed.queuedOffline();
        notices.addAll(allowed.notices());
        moveTo(Step.IDENTITY);
    }

    /** Step IDENTITY: the documents seen (§2.0); refused with MDG-ID-001 / MDG-PROXY-001 and the step stays. */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        LocalDate today = ValidityRules.today(station.clock().instant());
        boolean photo = ValidityRules.ageOn(record.birthDate(), record.card().issuedOn()) >= 1;
        Optional<Refusal> r = station.identity().check(new IdentityRules.Situation(Operation.DELIVERY, check,
                record.birthDate(), today, photo, false));
        if (r.isPresent()) {
            fail(r.get().toException());
            return;
        }
        visitor = check.visitorType();
        idMethod = check.idMethod().stream().map(Enum::name).toList();
        moveTo(Step.CARD);
    }

    /**
     * Step CARD (also after a pull or a crash): reads the card without a PIN; it must be the selected
     * card (MDG-CARD-001, nothing written). Which PINs are still to set is read from the card itself,
     * so a resumed delivery continues at the first PIN not yet set.
     */
    public void cardPresented() {
        if (step != Step.CARD && (cardVerified || !isCardStep(step))) {
            throw wrongStep();
        }
        try {
            CardSnapshot snap = card.read();
            if (!snap.cardSerial().equals(serial)) {
                fail(new MadoguchiException(CounterFailure.CARD_NOT_SELECTED_PERSONS));
                return;
            }
            Map<PinKind, PinStatus> pins = card.pins();
            Set<PinType> required = PinRules.pinsToSetAtDelivery(record.card(), snap.signCertificatePresent());
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
            cardVerified = true;
            failure = null;
            if (step == Step.CARD) {
                moveTo(Step.COLLECTED_ITEMS);
            } else {
                save();
            }
        } catch (CardRemovedException e) {
            fail(e);
        } catch (MadoguchiException e) {
            fail(e);
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
        return step == Step.PINS ? pinsToSet.stream().findFirst() : Optional.empty();
    }

    /**
     * Step PINS: the resident's entry and confirmation of {@link #pinToSet()}. Format (MDG-PIN-001/002)
     * and confirmation (MDG-PIN-003) are checked first; a weak PIN adds a notice and is accepted. The PIN
     * is then written in its own admin session. Both arrays are cleared before this returns.
     */
    public void newPin(char[] entry, char[] confirmation) {
        try {
            expect(Step.PINS);
            if (!cardVerified) {
                throw wrongStep();
            }
            PinType type = pinToSet().orElseThrow(this::wrongStep);
            Optional<Refusal> r = PinRules.checkFormat(type, entry).or(() -> PinRules.checkConfirmation(entry, confirmation));
            if (r.isPresent()) {
                fail(r.get().toException());
                return;
            }
            PinRules.weakPinNotice(type, entry, record.birthDate()).ifPresent(notices::add);
            char[] copy = entry.clone();
            try {
                card.administer("delivery PIN " + type, admin -> {
                    admin.resetPin(PinKind.valueOf(type.name()), copy);
                    return null;
                });
            } finally {
                Arrays.fill(copy, '\0');
            }
            pinsToSet.remove(type);
            pinsSet.add(type);
            failure = null;
            if (pinsToSet.isEmpty()) {
                moveTo(Step.ACTIVATE);
            } else {
                save();
            }
        } catch (CardRemovedException e) {
            cardPulled(e);
        } catch (MadoguchiException e) {
            fail(e);
        } finally {
            Arrays.fill(entry, '\0');
            Arrays.fill(confirmation, '\0');
        }
    }

    /**
     * Steps ACTIVATE and RECORD: life cycle OPERATIONAL (skipped when the card already is), then the
     * record in one transaction, then DONE with the receipt. After a crash during RECORD the act is
     * looked up first, so it is never recorded twice.
     */
    public void proceed() {
        if (step != Step.ACTIVATE && step != Step.RECORD) {
            throw wrongStep();
        }
        if (!cardVerified) {
            throw wrongStep();
        }
        try {
            if (step == Step.ACTIVATE) {
                card.administer("delivery activate", admin -> {
                    if (admin.lifeCycle() == CardSnapshot.LifeCycle.TRANSPORT) {
                        admin.setOperational();
                    }
                    return null;
                });
                seqBefore = recording.lastSeq();
                moveTo(Step.RECORD);
            }
            recordAct();
        } catch (CardRemovedException e) {
            cardPulled(e);
        } catch (MadoguchiException e) {
            fail(e);
        }
    }

    private void recordAct() {
        Instant now = station.clock().instant();
        Optional<jp.madoguchi.cache.OutboxEntry> earlier =
                recording.findRecorded(seqBefore, OperationType.DELIVERY_COMPLETED.name(), serial, null, null);
        UUID opId;
        long seq;
        Instant at;
        if (earlier.isPresent()) {
            opId = earlier.get().opId();
            seq = earlier.get().seq();
            at = earlier.get().occurredAt();
        } else {
            // The delivery and each collected old card: one store transaction (business rows, outbox, audit).
            List<CounterAct> acts = new ArrayList<>();
            acts.add(new CounterAct(OperationType.DELIVERY_COMPLETED, station.staff().staffId(), null, serial,
                    record.card().statusVersion(), Recording.payload("cardSerial", serial, "applicationId",
                    record.card().applicationId(), "deliveredAt", now.toString(), "visitorType", visitor.name(),
                    "idMethod", idMethod, "pinTypesSet", pinsSet.stream().map(Enum::name).toList(), "cardType", "PIN")));
            for (CollectedItem item : collected) {
                if (!item.kind().isCard() || item.disposition() == CollectedItem.Disposition.NOT_HELD) {
                    continue;
                }
                Map<String, Object> p = Recording.payload("cardSerial", serial, "item", oldCardKind(item.kind()),
                        "disposition", item.disposition().name());
                item.itemSerial().ifPresent(x -> p.put("itemSerial", x));
                acts.add(new CounterAct(OperationType.OLD_CARD_COLLECTED, station.staff().staffId(), null, serial,
                        record.card().statusVersion(), p));
            }
            RecordedAct act = recording.record(acts).get(0);
            opId = act.opId();
            seq = act.seq();
            at = act.occurredAt();
        }
        station.sync().wake();
        receipt = new Receipt(record.card().serialLast4(), record.card().applicationId(), at, visitor, idMethod,
                EnumSet.copyOf(pinsSet.isEmpty() ? EnumSet.noneOf(PinType.class) : pinsSet), collected, opId, seq,
                queuedOffline, List.copyOf(notices));
        failure = null;
        step = Step.DONE;
        journal.remove(id);
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

    private void cardPulled(CardRemovedException e) {
        // PR-28: before anything is written, or between PINs, the card is asked for again; what is on
        // the card decides where the delivery resumes. A pull during a write is resolved the same way,
        // because the card itself tells which PINs are set and whether it is OPERATIONAL.
        cardVerified = false;
        fail(e);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Step step() {
        return step;
    }

    @Override
    public Input expects() {
        return switch (step) {
            case IDENTITY -> Input.IDENTITY;
            case CARD -> Input.CARD;
            case COLLECTED_ITEMS -> cardVerified ? Input.COLLECTED_ITEMS : Input.CARD;
            case PINS -> cardVerified ? Input.NEW_PIN : Input.CARD;
            case ACTIVATE, RECORD -> cardVerified ? Input.PROCEED : Input.CARD;
            case DONE, REFUSED, CANCELLED -> Input.NONE;
        };
    }

    @Override
    public Optional<MadoguchiException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public List<Notice> notices() {
        return List.copyOf(notices);
    }

    @Override
    public boolean finished() {
        return step == Step.DONE || step == Step.REFUSED || step == Step.CANCELLED;
    }

    @Override
    public void cancel() {
        if (finished()) {
            return;
        }
        if (step == Step.RECORD && recording.findRecorded(seqBefore, OperationType.DELIVERY_COMPLETED.name(), serial, null, null)
                .isPresent()) {
            throw wrongStep();
        }
        recording.refused(Operation.DELIVERY.code(), "CANCELLED", station.clock().instant());
        step = Step.CANCELLED;
        journal.remove(id);
    }

    private void refuse(Refusal r) {
        failure = r.toException();
        step = Step.REFUSED;
        recording.refused(Operation.DELIVERY.code(), r.code(), station.clock().instant());
    }

    private void fail(MadoguchiException e) {
        failure = e;
        recording.refused(Operation.DELIVERY.code(), e.code(), station.clock().instant());
    }

    private void expect(Step s) {
        if (step != s) {
            throw wrongStep();
        }
    }

    private MadoguchiException wrongStep() {
        return new MadoguchiException(WorkflowFailure.WRONG_STEP, Map.of());
    }

    private void moveTo(Step next) {
        step = next;
        save();
    }

    private void save() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("step", step.name());
        s.put("serial", serial);
        s.put("visitor", visitor.name());
        s.put("idMethod", String.join(",", idMethod));
        s.put("items", encodeItems(collected));
        s.put("queuedOffline", Boolean.toString(queuedOffline));
        s.put("seqBefore", Long.toString(seqBefore));
        s.put("pinsSet", String.join(",", pinsSet.stream().map(Enum::name).toList()));
        journal.save(id, s);
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    private static String encodeItems(List<CollectedItem> items) {
        List<String> parts = new ArrayList<>();
        for (CollectedItem i : items) {
            parts.add(i.kind() + ":" + i.disposition() + ":" + i.itemSerial().orElse("") + ":" + i.signedDeclaration());
        }
        return String.join(";", parts);
    }

    private static List<CollectedItem> decodeItems(String s) {
        List<CollectedItem> items = new ArrayList<>();
        if (s.isEmpty()) {
            return items;
        }
        Map<String, CollectedItem.Kind> kinds = new HashMap<>();
        for (CollectedItem.Kind k : CollectedItem.Kind.values()) {
            kinds.put(k.name(), k);
        }
        for (String part : s.split(";")) {
            String[] f = part.split(":", -1);
            items.add(new CollectedItem(kinds.get(f[0]), CollectedItem.Disposition.valueOf(f[1]),
                    f[2].isEmpty() ? Optional.empty() : Optional.of(f[2]), Boolean.parseBoolean(f[3])));
        }
        return items;
    }
}

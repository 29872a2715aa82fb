package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.cache.RecordedAct;
import jp.madoguchi.card.CardRemovedException;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * PIN reset (暗証番号の初期化・再設定, counter-rules §2.2) as a state machine:
 *
 * <pre>
 *  start ─▶ CARD ─▶ CHOICE (PINs + reason) ─▶ IDENTITY ─▶ NEW_PIN (one PIN per call) ─▶ DONE (recorded)
 *            │ refused: PR-24, preconditions (suspended, revoked, expired, face-auth, other office)
 *            ▼                                 card pulled: CARD again (same card), the PIN in hand is redone
 *          REFUSED                             any step: cancel() ─▶ CANCELLED
 * </pre>
 *
 * The terminal authorises the reset locally (PR-21): it completes offline and is queued as
 * {@code PIN_RESET}. Which PINs are already reset is saved after each (never the PIN itself), so a
 * resumed reset asks only for the rest. One caller thread; calls block on the card and the disk.
 */
public final class PinResetWorkflow implements Workflow<PinResetWorkflow.Step> {

    public enum Step { CARD, CHOICE, IDENTITY, NEW_PIN, DONE, REFUSED, CANCELLED }

    /** Why the resident asks (§2.2 step 1). */
    public enum Reason { FORGOTTEN, BLOCKED, OTHER }

    /** What the PIN reset record prints (§6.2). */
    public record Receipt(String cardSerialLast4, Set<PinType> pinTypes, Reason reason, Map<PinType, Integer> triesLeftBefore,
                          VisitorType visitorType, List<String> idMethod, UUID opId, long seq, Instant at,
                          boolean queuedOffline, List<Notice> notices) {
    }

    private static final String KIND = "pin-reset-";

    private final CounterStation station;
    private final CardAccess card;
    private final Recording recording;
    private final WorkflowJournal journal;
    private final String id;
    private Step step = Step.CARD;
    private String serial;
    private CardRecord record;
    private boolean queuedOffline;
    private boolean cardVerified;
    private VisitorType visitor;
    private List<String> idMethod = List.of();
    private Reason reason = Reason.OTHER;
    private final Set<PinType> chosen = EnumSet.noneOf(PinType.class);
    private final Set<PinType> done = EnumSet.noneOf(PinType.class);
    private final Map<PinType, Integer> triesBefore = new EnumMap<>(PinType.class);
    private long seqBefore = -1;
    private Receipt receipt;
    private MadoguchiException failure;
    private final List<Notice> notices = new ArrayList<>();

    private PinResetWorkflow(CounterStation station, String id) {
        this.station = station;
        this.card = new CardAccess(station);
        this.recording = new Recording(station.store(), station.stateDir());
        this.journal = new WorkflowJournal(station.stateDir());
        this.id = id;
    }

    /** Starts a PIN reset for a {@code visitor}; the card is asked for first. */
    public static PinResetWorkflow start(CounterStation station, VisitorType visitor) {
        PinResetWorkflow w = new PinResetWorkflow(station, KIND + UUID.randomUUID());
        w.visitor = visitor;
        w.save();
        return w;
    }

    /** Picks up a saved PIN reset after a crash; the card must be presented again. */
    public static PinResetWorkflow resume(CounterStation station, String id) {
        Map<String, String> s = new WorkflowJournal(station.stateDir()).load(id)
                .orElseThrow(() -> new MadoguchiException(WorkflowFailure.STATE_UNREADABLE, Map.of()));
        PinResetWorkflow w = new PinResetWorkflow(station, id);
        w.step = Step.valueOf(s.get("step"));
        w.visitor = VisitorType.valueOf(s.get("visitor"));
        w.serial = s.get("serial");
        w.reason = Reason.valueOf(s.getOrDefault("reason", "OTHER"));
        w.idMethod = s.getOrDefault("idMethod", "").isEmpty() ? List.of() : List.of(s.get("idMethod").split(","));
        types(s.get("chosen")).forEach(w.chosen::add);
        types(s.get("done")).forEach(w.done::add);
        for (PinType t : PinType.values()) {
            if (s.containsKey("tries." + t)) {
                w.triesBefore.put(t, Integer.parseInt(s.get("tries." + t)));
            }
        }
        w.queuedOffline = Boolean.parseBoolean(s.get("queuedOffline"));
        w.seqBefore = Long.parseLong(s.getOrDefault("seqBefore", "-1"));
        if (w.serial != null) {
            w.record = CardRecord.load(station.cache(), station.office().code(), w.serial);
        }
        if (w.queuedOffline) {
            w.notices.add(Notice.of(Notice.Kind.QUEUED_UNTIL_SYNC));
        }
        return w;
    }

    public static List<String> interrupted(CounterStation station) {
        return new WorkflowJournal(station.stateDir()).interrupted(KIND);
    }

    /**
     * Step CARD: reads the card (no PIN). First time: the card's record, PR-24 offline, the
     * preconditions of §2.2, and each PIN's tries as the card reports them. After a pull or a crash:
     * it must be the same card (MDG-CARD-001).
     */
    public void cardPresented() {
        if (finished()) {
            throw wrongStep();
        }
        try {
            CardSnapshot snap = card.read();
            if (serial != null && !snap.cardSerial().equals(serial)) {
                fail(new MadoguchiException(CounterFailure.CARD_NOT_SELECTED_PERSONS));
                return;
            }
            if (serial == null) {
                serial = snap.cardSerial();
                if (!admit(snap)) {
                    return;
                }
                moveTo(Step.CHOICE);
            }
            cardVerified = true;
            failure = null;
            save();
        } catch (MadoguchiException e) {
            fail(e);
        }
    }

    private boolean admit(CardSnapshot snap) {
        Instant now = station.clock().instant();
        boolean online = station.online();
        Optional<CardRecord> cached = CardRecord.find(station.cache(), station.office().code(), serial);
        ConnectivityRules.Decision link = station.connectivity().decide(new ConnectivityRules.Situation(Operation.PIN_RESET,
                station.office(), online, cached.map(CardRecord::card), Optional.empty(),
                Optional.ofNullable(station.cache().refreshedAt()), now), station.officeSettings(), station.calendar());
        if (link instanceof ConnectivityRules.Refused r) {
            refuse(r.refusal());
            return false;
        }
        if (cached.isEmpty()) {
            refuse(Refusal.of(CounterFailure.CARD_OTHER_OFFICE, "office", snap.common().municipalityCode()));
            return false;
        }
        record = cached.get();
        Optional<Refusal> pre = station.preconditions().check(Operation.PIN_RESET, record.card(), station.office(), Optional.empty(), now);
        if (pre.isPresent()) {
            refuse(pre.get());
            return false;
        }
        queuedOffline = ((ConnectivityRules.Allowed) link).queuedOffline();
        notices.addAll(((ConnectivityRules.Allowed) link).notices());
        for (PinType t : PinType.values()) {
            PinStatus st = snap.pin(PinKind.valueOf(t.name()));
            if (st != null) {
                triesBefore.put(t, st.remaining());
            }
        }
        return true;
    }

    /** The tries each PIN has left, as read from the card (shown on the application screen). */
    public Map<PinType, Integer> triesLeft() {
        return Map.copyOf(triesBefore);
    }

    /** Step CHOICE: which PINs (one to four) and why; each checked against the permission matrix. */
    public void choose(Set<PinType> pins, Reason why) {
        expect(Step.CHOICE);
        if (pins.isEmpty()) {
            throw wrongStep();
        }
        for (PinType t : pins) {
            PermissionMatrix.Decision d = station.permissions().decide(new PermissionMatrix.Query(station.office(), station.staff(),
                    Operation.PIN_RESET, visitor, Optional.of(t), Optional.empty(), record.card().overseasCard(), false));
            if (d instanceof PermissionMatrix.Refused r) {
                fail(r.refusal().toException());
                return;
            }
            if (d instanceof PermissionMatrix.Allowed a && a.approvalRequired()) {
                fail(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED).toException());
                return;
            }
        }
        chosen.clear();
        chosen.addAll(pins);
        reason = why;
        failure = null;
        moveTo(Step.IDENTITY);
    }

    /** Step IDENTITY (§2.0 pinReset row: card + A×1 or B×1 for the holder). */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        LocalDate today = ValidityRules.today(station.clock().instant());
        Optional<Refusal> r = station.identity().check(new IdentityRules.Situation(Operation.PIN_RESET, check,
                record.birthDate(), today, ValidityRules.ageOn(record.birthDate(), record.card().issuedOn()) >= 1, false));
        if (r.isPresent()) {
            fail(r.get().toException());
            return;
        }
        visitor = check.visitorType();
        idMethod = check.idMethod().stream().map(Enum::name).toList();
        failure = null;
        moveTo(Step.NEW_PIN);
    }

    /** In NEW_PIN: the PIN the resident sets next. */
    public Optional<PinType> pinToSet() {
        return step == Step.NEW_PIN ? chosen.stream().filter(t -> !done.contains(t)).findFirst() : Optional.empty();
    }

    /**
     * Step NEW_PIN: entry and confirmation of {@link #pinToSet()}; format, confirmation and weak-PIN
     * checks, then RESET RETRY COUNTER in a counter-authenticated session. After the last PIN the act is
     * recorded and the workflow is DONE. Both arrays are cleared.
     */
    public void newPin(char[] entry, char[] confirmation) {
        try {
            expect(Step.NEW_PIN);
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
                card.administer("pin reset " + type, admin -> {
                    admin.resetPin(PinKind.valueOf(type.name()), copy);
                    return null;
                });
            } finally {
                Arrays.fill(copy, '\0');
            }
            done.add(type);
            failure = null;
            if (pinToSet().isEmpty()) {
                seqBefore = recording.lastSeq();
                save();
                recordAct();
            } else {
                save();
            }
        } catch (CardRemovedException e) {
            cardVerified = false;
            fail(e);
        } catch (MadoguchiException e) {
            fail(e);
        } finally {
            Arrays.fill(entry, '\0');
            Arrays.fill(confirmation, '\0');
        }
    }

    /** After a crash with every PIN reset but the record unconfirmed: records (once) and finishes. */
    public void proceed() {
        if (step != Step.NEW_PIN || pinToSet().isPresent() || !cardVerified) {
            throw wrongStep();
        }
        recordAct();
    }

    private void recordAct() {
        Optional<OutboxEntry> earlier = recording.findRecorded(seqBefore, OperationType.PIN_RESET.name(), serial, null, null);
        UUID opId;
        long seq;
        Instant at;
        if (earlier.isPresent()) {
            opId = earlier.get().opId();
            seq = earlier.get().seq();
            at = earlier.get().occurredAt();
        } else {
            Map<String, Object> tries = new LinkedHashMap<>();
            chosen.forEach(t -> tries.put(t.name(), triesBefore.getOrDefault(t, 0)));
            RecordedAct act = recording.record(new CounterAct(OperationType.PIN_RESET, station.staff().staffId(), null, serial,
                    record.card().statusVersion(), Recording.payload("cardSerial", serial,
                    "pinTypes", chosen.stream().map(Enum::name).toList(), "reason", reason.name(), "triesLeftBefore", tries,
                    "visitorType", visitor.name(), "idMethod", idMethod)));
            opId = act.opId();
            seq = act.seq();
            at = act.occurredAt();
        }
        station.sync().wake();
        Map<PinType, Integer> before = new EnumMap<>(PinType.class);
        chosen.forEach(t -> before.put(t, triesBefore.getOrDefault(t, 0)));
        receipt = new Receipt(record.card().serialLast4(), EnumSet.copyOf(chosen), reason, before, visitor, idMethod, opId, seq, at,
                queuedOffline, List.copyOf(notices));
        step = Step.DONE;
        journal.remove(id);
    }

    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
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
        if (finished()) {
            return Input.NONE;
        }
        if (step == Step.CARD || !cardVerified) {
            return Input.CARD;
        }
        return switch (step) {
            case CHOICE -> Input.CHOICE;
            case IDENTITY -> Input.IDENTITY;
            case NEW_PIN -> pinToSet().isPresent() ? Input.NEW_PIN : Input.PROCEED;
            default -> Input.NONE;
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
        recording.refused(Operation.PIN_RESET.code(), "CANCELLED", station.clock().instant());
        step = Step.CANCELLED;
        journal.remove(id);
    }

    private void refuse(Refusal r) {
        failure = r.toException();
        step = Step.REFUSED;
        recording.refused(Operation.PIN_RESET.code(), r.code(), station.clock().instant());
        journal.remove(id);
    }

    private void fail(MadoguchiException e) {
        failure = e;
        recording.refused(Operation.PIN_RESET.code(), e.code(), station.clock().instant());
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
        if (finished()) {
            return;
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("step", step.name());
        s.put("visitor", visitor.name());
        if (serial != null) {
            s.put("serial", serial);
        }
        s.put("reason", reason.name());
        s.put("idMethod", String.join(",", idMethod));
        s.put("chosen", join(chosen));
        s.put("done", join(done));
        triesBefore.forEach((t, n) -> s.put("tries." + t, Integer.toString(n)));
        s.put("queuedOffline", Boolean.toString(queuedOffline));
        s.put("seqBefore", Long.toString(seqBefore));
        journal.save(id, s);
    }

    private static String join(Set<PinType> set) {
        return String.join(",", set.stream().map(Enum::name).toList());
    }

    private static List<PinType> types(String s) {
        List<PinType> out = new ArrayList<>();
        if (s != null && !s.isEmpty()) {
            for (String p : s.split(",")) {
                out.add(PinType.valueOf(p));
            }
        }
        return out;
    }
}

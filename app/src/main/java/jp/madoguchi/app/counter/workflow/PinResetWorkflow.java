package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
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
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinStatus;

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
public final class PinResetWorkflow extends CounterWorkflow<PinResetWorkflow.Step> {

    public enum Step { CARD, CHOICE, IDENTITY, NEW_PIN, DONE, REFUSED, CANCELLED }

    /** Why the resident asks (§2.2 step 1). */
    public enum Reason { FORGOTTEN, BLOCKED, OTHER }

    /** What the PIN reset record prints (§6.2). */
    public record Receipt(String cardSerialLast4, Set<PinType> pinTypes, Reason reason, Map<PinType, Integer> triesLeftBefore,
                          VisitorType visitorType, List<String> idMethod, UUID opId, long seq, Instant at,
                          boolean queuedOffline, List<Notice> notices) {
    }

    private static final String KIND = "pin-reset-";

    private Reason reason = Reason.OTHER;
    private final Set<PinType> chosen = EnumSet.noneOf(PinType.class);
    private final Set<PinType> done = EnumSet.noneOf(PinType.class);
    private final Map<PinType, Integer> triesBefore = new EnumMap<>(PinType.class);
    private Receipt receipt;

    private PinResetWorkflow(CounterStation station, String id) {
        super(station, KIND, id, Operation.PIN_RESET, Step.class, Step.CARD);
    }

    /** Starts a PIN reset for a {@code visitor}; the card is asked for first. */
    public static PinResetWorkflow start(CounterStation station, VisitorType visitor) {
        PinResetWorkflow w = new PinResetWorkflow(station, null);
        w.begin(visitor);
        return w;
    }

    /** Picks up a saved PIN reset after a crash; the card must be presented again. */
    public static PinResetWorkflow resume(CounterStation station, String id) {
        PinResetWorkflow w = new PinResetWorkflow(station, id);
        w.restore(Step.class);
        return w;
    }

    public static List<String> interrupted(CounterStation station) {
        return interrupted(station, KIND);
    }

    @Override
    void restoreState(Map<String, String> s) {
        reason = Reason.valueOf(s.getOrDefault("reason", "OTHER"));
        split(s.get("chosen")).forEach(t -> chosen.add(PinType.valueOf(t)));
        split(s.get("done")).forEach(t -> done.add(PinType.valueOf(t)));
        for (PinType t : PinType.values()) {
            if (s.containsKey("tries." + t)) {
                triesBefore.put(t, Integer.parseInt(s.get("tries." + t)));
            }
        }
    }

    @Override
    void saveState(Map<String, String> s) {
        s.put("reason", reason.name());
        s.put("chosen", join(chosen));
        s.put("done", join(done));
        triesBefore.forEach((t, n) -> s.put("tries." + t, Integer.toString(n)));
    }

    /**
     * Step CARD: reads the card (no PIN). First time: the card's record, PR-24 offline, the
     * preconditions of §2.2, and each PIN's tries as the card reports them. After a pull or a crash:
     * it must be the same card (MDG-CARD-001).
     */
    public void cardPresented() {
        presentCard(Operation.PIN_RESET).ifPresent(snap -> {
            for (PinType t : PinType.values()) {
                PinStatus st = snap.pin(PinKind.valueOf(t.name()));
                if (st != null) {
                    triesBefore.put(t, st.remaining());
                }
            }
            moveTo(Step.CHOICE);
        });
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
            Optional<Refusal> r = permission(Operation.PIN_RESET, Optional.of(t), Optional.empty());
            if (r.isPresent()) {
                fail(r.get().toException());
                return;
            }
        }
        chosen.clear();
        chosen.addAll(pins);
        reason = why;
        moveTo(Step.IDENTITY);
    }

    /** Step IDENTITY (§2.0 pinReset row: card + A×1 or B×1 for the holder). */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        if (identityChecked(check, photoOnCard(), false)) {
            moveTo(Step.NEW_PIN);
        }
    }

    /** In NEW_PIN: the PIN the resident sets next. */
    public Optional<PinType> pinToSet() {
        return step() == Step.NEW_PIN ? chosen.stream().filter(t -> !done.contains(t)).findFirst() : Optional.empty();
    }

    /**
     * Step NEW_PIN: entry and confirmation of {@link #pinToSet()}; format, confirmation and weak-PIN
     * checks, then RESET RETRY COUNTER in a counter-authenticated session. After the last PIN the act is
     * recorded and the workflow is DONE. Both arrays are cleared.
     */
    public void newPin(char[] entry, char[] confirmation) {
        Optional<PinType> written = writeNewPin(Step.NEW_PIN, this::pinToSet, "pin reset", entry, confirmation);
        if (written.isEmpty()) {
            return;
        }
        done.add(written.get());
        if (pinToSet().isEmpty()) {
            markBeforeRecord();
            recordAct();
        } else {
            stay();
        }
    }

    /** After a crash with every PIN reset but the record unconfirmed: records (once) and finishes. */
    public void proceed() {
        if (step() != Step.NEW_PIN || pinToSet().isPresent() || !cardVerified) {
            throw wrongStep();
        }
        recordAct();
    }

    private void recordAct() {
        Map<String, Object> tries = new LinkedHashMap<>();
        chosen.forEach(t -> tries.put(t.name(), triesBefore.getOrDefault(t, 0)));
        Recorded r = recordOnce(OperationType.PIN_RESET, () -> List.of(act(OperationType.PIN_RESET, Recording.payload(
                "cardSerial", serial, "pinTypes", chosen.stream().map(Enum::name).toList(), "reason", reason.name(),
                "triesLeftBefore", tries, "visitorType", visitor.name(), "idMethod", idMethod))));
        Map<PinType, Integer> before = new EnumMap<>(PinType.class);
        chosen.forEach(t -> before.put(t, triesBefore.getOrDefault(t, 0)));
        receipt = new Receipt(record.card().serialLast4(), EnumSet.copyOf(chosen), reason, before, visitor, idMethod, r.opId(),
                r.seq(), r.at(), queuedOffline, notices());
        finish();
    }

    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
    }

    @Override
    Input input(Step s) {
        return switch (s) {
            case CHOICE -> Input.CHOICE;
            case IDENTITY -> Input.IDENTITY;
            case NEW_PIN -> pinToSet().isPresent() ? Input.NEW_PIN : Input.PROCEED;
            default -> Input.NONE;
        };
    }
}

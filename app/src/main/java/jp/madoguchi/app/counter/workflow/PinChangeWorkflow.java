package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
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
import jp.madoguchi.app.counter.rules.PinRules;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.card.CardRemovedException;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.card.PinVerification;
import jp.madoguchi.common.MadoguchiException;

/**
 * PIN change (暗証番号変更, counter-rules §2.2 "PIN change"): the holder knows the current PIN, which is
 * not locked, and chooses a new one. As a state machine:
 *
 * <pre>
 *  start ─▶ CARD ─▶ CHOICE (PINs) ─▶ IDENTITY ─▶ CURRENT_PIN ─▶ NEW_PIN ─┐ (per chosen PIN, in the order SIGN, AUTH, JUKI, CARD_TEXT)
 *            │ refused: PR-24, preconditions,     ▲                       │
 *            │ permission (mission: MDG-OFFICE-001)└───────────────────────┘ next PIN;  after the last: DONE (PIN_CHANGED recorded)
 *            ▼                    a PIN locked on the card: MDG-PIN-004 at CHOICE (reset it instead); wrong current PIN: MDG-PIN-005
 *          REFUSED                card pulled: CARD again (same card);  any step: cancel() ─▶ CANCELLED
 * </pre>
 *
 * The current PIN is verified on the card at CURRENT_PIN (VERIFY, holder side: a wrong entry costs a
 * try, as on the card itself), so the resident hears at once when it is wrong. The card forgets that
 * verification when the job ends (the reader resets it), so the current PIN stays in this object's
 * memory (a {@code char[]}, never saved) until NEW_PIN, where one card job verifies it again and writes
 * the new PIN with the holder's own CHANGE REFERENCE DATA / CHANGE KEY (card-spec §2.3,
 * {@link jp.madoguchi.card.CardConnection#changePin}): no counter authentication, the resident's own
 * PIN is the authority. The held PIN is cleared once the change is made, when the card may have changed
 * under a pull (then the current PIN is asked for again), and on cancel. Like a reset the change is
 * authorised locally (PR-21): it completes offline and is queued as {@code PIN_CHANGED} {cardSerial,
 * pinTypes, visitorType, idMethod}. The PINs already changed are saved after each (never a PIN); a
 * resumed change asks for the current PIN of the PIN in hand again. One caller thread; calls block on
 * the card and the disk.
 */
public final class PinChangeWorkflow extends CounterWorkflow<PinChangeWorkflow.Step> {

    public enum Step { CARD, CHOICE, IDENTITY, CURRENT_PIN, NEW_PIN, DONE, REFUSED, CANCELLED }

    /** What the PIN record prints for a change (§6.2, "change" ticked). */
    public record Receipt(String cardSerialLast4, Set<PinType> pinTypes, VisitorType visitorType, List<String> idMethod,
                          UUID opId, long seq, Instant at, boolean queuedOffline, List<Notice> notices) {
    }

    private static final String KIND = "pin-change-";

    private final Set<PinType> chosen = EnumSet.noneOf(PinType.class);
    private final Set<PinType> changed = EnumSet.noneOf(PinType.class);
    /** The card's PIN states read at the CARD step (a locked or unset PIN cannot be changed). */
    private final Map<PinType, PinStatus.State> onCard = new java.util.EnumMap<>(PinType.class);
    private Receipt receipt;
    /** The current PIN of {@link #pinInHand()}, verified at CURRENT_PIN, held for NEW_PIN; null otherwise. */
    private char[] currentInHand;

    private PinChangeWorkflow(CounterStation station, String id) {
        super(station, KIND, id, Operation.PIN_CHANGE, Step.class, Step.CARD);
    }

    /** Starts a PIN change for a {@code visitor}; the card is asked for first. */
    public static PinChangeWorkflow start(CounterStation station, VisitorType visitor) {
        PinChangeWorkflow w = new PinChangeWorkflow(station, null);
        w.begin(visitor);
        return w;
    }

    /** Picks up a saved PIN change after a crash; the card, and the current PIN in hand, are asked for again. */
    public static PinChangeWorkflow resume(CounterStation station, String id) {
        PinChangeWorkflow w = new PinChangeWorkflow(station, id);
        w.restore(Step.class);
        return w;
    }

    public static List<String> interrupted(CounterStation station) {
        return interrupted(station, KIND);
    }

    /**
     * Reads back the chosen and changed PINs. A verification does not survive a crash (the card
     * forgets it too): a change saved at NEW_PIN with a PIN still to change goes back to CURRENT_PIN.
     */
    @Override
    void restoreState(Map<String, String> s) {
        split(s.get("chosen")).forEach(t -> chosen.add(PinType.valueOf(t)));
        split(s.get("changed")).forEach(t -> changed.add(PinType.valueOf(t)));
        if (step() == Step.NEW_PIN && !changed.containsAll(chosen)) {
            moveTo(Step.CURRENT_PIN);
        }
    }

    @Override
    void saveState(Map<String, String> s) {
        s.put("chosen", join(chosen));
        s.put("changed", join(changed));
    }

    /**
     * Step CARD: reads the card (no PIN). First time: the card's record, PR-24 offline, the
     * preconditions of §2.2 (ACTIVE, not expired, has PINs, served here) and the permission matrix
     * (a mission resets only: MDG-OFFICE-001). After a pull or a crash: it must be the same card.
     */
    public void cardPresented() {
        presentCard(Operation.PIN_CHANGE).ifPresent(snap -> {
            Optional<Refusal> permitted = permission(Operation.PIN_CHANGE, Optional.empty(), Optional.empty());
            if (permitted.isPresent()) {
                refuse(permitted.get());
                return;
            }
            for (PinType t : PinType.values()) {
                PinStatus st = snap.pin(PinKind.valueOf(t.name()));
                if (st != null) {
                    onCard.put(t, st.state());
                }
            }
            moveTo(Step.CHOICE);
        });
    }

    /**
     * Step CHOICE: which PINs (one to four) the holder changes. A PIN the card reports locked is
     * MDG-PIN-004 (a locked PIN must be reset even if the holder now remembers it); the step stays.
     */
    public void choose(Set<PinType> pins) {
        expect(Step.CHOICE);
        if (pins.isEmpty()) {
            throw wrongStep();
        }
        for (PinType t : pins) {
            if (onCard.get(t) == PinStatus.State.BLOCKED) {
                fail(PinRules.locked(t).toException());
                return;
            }
        }
        chosen.clear();
        chosen.addAll(pins);
        moveTo(Step.IDENTITY);
    }

    /** Step IDENTITY (§2.0 pinChange row: card + A×1 or B×1 for the holder; the legal representative for under-15s). */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        if (identityChecked(check, photoOnCard(), false)) {
            moveTo(Step.CURRENT_PIN);
        }
    }

    /** In CURRENT_PIN or NEW_PIN: the PIN being changed (the first chosen not yet changed). */
    public Optional<PinType> pinInHand() {
        return step() == Step.CURRENT_PIN || step() == Step.NEW_PIN
                ? chosen.stream().filter(t -> !changed.contains(t)).findFirst() : Optional.empty();
    }

    /**
     * Step CURRENT_PIN: the holder's current {@link #pinInHand()}, verified on the card (MDG-PIN-005
     * with the tries left, MDG-PIN-004 once locked; the step stays). {@code pin} is cleared.
     */
    public void currentPin(char[] pin) {
        Optional<PinType> type = pinInHand();
        if (type.isEmpty()) {
            Arrays.fill(pin, '\0');
            fail(wrongStep());
            return;
        }
        char[] held = pin.clone();
        if (verifiedAt(Step.CURRENT_PIN, type.get(), pin)) {
            forgetCurrentPin();
            currentInHand = held;
            moveTo(Step.NEW_PIN);
        } else {
            Arrays.fill(held, '\0');
        }
    }

    /**
     * Step NEW_PIN: entry and confirmation of the new {@link #pinInHand()} (MDG-PIN-001/002/003; a
     * weak PIN is warned about and accepted), written to the card. Then the next chosen PIN's current
     * PIN, or, after the last, {@code PIN_CHANGED} is recorded and the workflow is DONE. Both arrays
     * are cleared.
     */
    public void newPin(char[] entry, char[] confirmation) {
        Optional<PinType> written = changeOnCard(entry, confirmation);
        if (written.isEmpty()) {
            return;
        }
        changed.add(written.get());
        if (chosen.stream().allMatch(changed::contains)) {
            markBeforeRecord();
            recordAct();
        } else {
            moveTo(Step.CURRENT_PIN);
        }
    }

    /**
     * The new PIN of {@link #pinInHand()}, checked (format, confirmation, approval; a weak PIN adds a
     * notice), then the holder's change on the card with the held current PIN. The PIN changed, or
     * empty with the failure set: a current PIN the card no longer takes goes back to CURRENT_PIN
     * (MDG-PIN-005/004); a pull during the change may have left the card changed, so the current PIN is
     * asked for again after the card. Both arrays are cleared before this returns, whatever happens.
     */
    private Optional<PinType> changeOnCard(char[] entry, char[] confirmation) {
        char[] current = null;
        char[] fresh = null;
        try {
            expectCard(Step.NEW_PIN);
            PinType type = pinInHand().orElseThrow(this::wrongStep);
            if (!newPinAccepted(type, entry, confirmation)) {
                return Optional.empty();
            }
            current = currentInHand.clone();
            fresh = entry.clone();
            char[] c1 = current;
            char[] c2 = fresh;
            PinVerification v = card.run(c -> c.changePin(PinKind.valueOf(type.name()), c1, c2));
            forgetCurrentPin();
            if (!v.ok()) {
                moveTo(Step.CURRENT_PIN);
                fail(v.failure());
                return Optional.empty();
            }
            return Optional.of(type);
        } catch (CardRemovedException e) {
            if (e.change() != CardRemovedException.CardChange.UNCHANGED) {
                forgetCurrentPin();
                moveTo(Step.CURRENT_PIN);
            }
            cardPulled(e);
            return Optional.empty();
        } catch (MadoguchiException e) {
            failOnCard(e);
            return Optional.empty();
        } finally {
            Arrays.fill(entry, '\0');
            Arrays.fill(confirmation, '\0');
            if (current != null) {
                Arrays.fill(current, '\0');
                Arrays.fill(fresh, '\0');
            }
        }
    }

    private void forgetCurrentPin() {
        if (currentInHand != null) {
            Arrays.fill(currentInHand, '\0');
            currentInHand = null;
        }
    }

    /** {@inheritDoc} The held current PIN is cleared. */
    @Override
    public void cancel() {
        forgetCurrentPin();
        super.cancel();
    }

    /** After a crash with every PIN changed but the record unconfirmed: records (once) and finishes. */
    public void proceed() {
        if (step() != Step.NEW_PIN || pinInHand().isPresent() || !cardVerified) {
            throw wrongStep();
        }
        recordAct();
    }

    private void recordAct() {
        Recorded r = recordOnce(OperationType.PIN_CHANGED, () -> List.of(act(OperationType.PIN_CHANGED, Recording.payload(
                "cardSerial", serial, "pinTypes", chosen.stream().map(Enum::name).toList(), "visitorType", visitor.name(),
                "idMethod", idMethod))));
        receipt = new Receipt(record.card().serialLast4(), EnumSet.copyOf(chosen), visitor, idMethod, r.opId(), r.seq(), r.at(),
                queuedOffline, notices());
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
            case CURRENT_PIN -> Input.CURRENT_PIN;
            case NEW_PIN -> pinInHand().isPresent() ? Input.NEW_PIN : Input.PROCEED;
            default -> Input.NONE;
        };
    }
}

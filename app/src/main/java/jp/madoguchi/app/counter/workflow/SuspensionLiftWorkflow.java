package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.card.CardRemovedException;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinVerification;
import jp.madoguchi.common.MadoguchiException;

/**
 * Suspension lift (一時停止解除, counter-rules §2.5) of a card put on hold through the 24-hour line and
 * found again, as a state machine:
 *
 * <pre>
 *  start (online? else MDG-SYNC-001, card untouched) ─▶ CARD (SUSPENDED in the cache, served here)
 *     ─▶ JUKI_PIN (PR-14: proves possession) ─▶ IDENTITY (card + A×1 or B×1) ─▶ RECORD ─▶ DONE
 *  refused: not suspended (MDG-OFFICE-001), revoked (MDG-CARD-005), expired (MDG-CARD-006) ─▶ REFUSED
 *  any step before RECORD: cancel() ─▶ CANCELLED
 * </pre>
 *
 * Nothing is written to the card. {@code SUSPENSION_LIFTED} is online-only (sync-protocol "Types"): it
 * goes through the outbox with its seq and the engine sends it at once; {@link #centralOutcome()} shows
 * central's answer once it came (central then makes the card ACTIVE, AUTH VALID again and revokes SIGN,
 * which this counter offers to issue anew: {@link #signToIssue()}, PR-38). One caller thread; calls
 * block on the card and the disk.
 */
public final class SuspensionLiftWorkflow extends CounterWorkflow<SuspensionLiftWorkflow.Step> {

    public enum Step { CARD, JUKI_PIN, IDENTITY, RECORD, DONE, REFUSED, CANCELLED }

    /** What the lift record shows. */
    public record Receipt(String cardSerialLast4, VisitorType visitorType, List<String> idMethod, UUID opId, long seq,
                          Instant at) {
    }

    private static final String KIND = "suspension-lift-";

    private Receipt receipt;

    private SuspensionLiftWorkflow(CounterStation station, String id) {
        super(station, KIND, id, Operation.SUSPENSION_LIFT, Step.class, Step.CARD);
    }

    /**
     * Starts a suspension lift. Central is needed (PR-23: the card may meanwhile have been reported
     * stolen): without the link the workflow is REFUSED with MDG-SYNC-001 before the card is read.
     */
    public static SuspensionLiftWorkflow start(CounterStation station, VisitorType visitor) {
        SuspensionLiftWorkflow w = new SuspensionLiftWorkflow(station, null);
        w.visitor = visitor;
        if (w.linkAllows(Operation.SUSPENSION_LIFT)) {
            w.save();
        }
        return w;
    }

    /** Picks up a saved lift after a crash; the card must be presented again (and its PIN, before RECORD). */
    public static SuspensionLiftWorkflow resume(CounterStation station, String id) {
        Map<String, String> s = new java.util.HashMap<>(saved(station, id));
        s.computeIfPresent("step", (k, v) -> v.equals(Step.IDENTITY.name()) ? Step.JUKI_PIN.name() : v);
        SuspensionLiftWorkflow w = new SuspensionLiftWorkflow(station, id);
        w.restore(s, Step.class);
        return w;
    }

    public static List<String> interrupted(CounterStation station) {
        return interrupted(station, KIND);
    }

    @Override
    void saveState(Map<String, String> state) {
        // Everything a lift keeps is common: card, visitor, documents, the seq before the record.
    }

    /** Step CARD (and after a pull or crash): reads the card; the first time, link, cached record and §2.5's preconditions. */
    public void cardPresented() {
        if (finished()) {
            throw wrongStep();
        }
        boolean first = serial == null;
        Optional<CardSnapshot> snap = readCard();
        if (snap.isEmpty()) {
            return;
        }
        if (!first) {
            stay();
            return;
        }
        serial = snap.get().cardSerial();
        if (!admit(Operation.SUSPENSION_LIFT, snap.get().common().municipalityCode())) {
            return;
        }
        Optional<Refusal> permitted = permission(Operation.SUSPENSION_LIFT, Optional.empty(), Optional.empty());
        if (permitted.isPresent()) {
            refuse(permitted.get());
            return;
        }
        moveTo(Step.JUKI_PIN);
    }

    /** Step JUKI_PIN: the 住基用 PIN verified on the card (MDG-PIN-005 with tries left, MDG-PIN-004 locked). */
    public void jukiPin(char[] pin) {
        try {
            expectCard(Step.JUKI_PIN);
            PinVerification v = card.run(c -> c.verifyPin(PinKind.JUKI, pin.clone()));
            if (!v.ok()) {
                fail(v.failure());
                return;
            }
            moveTo(Step.IDENTITY);
        } catch (CardRemovedException e) {
            cardPulled(e);
        } catch (MadoguchiException e) {
            fail(e);
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    /** Step IDENTITY (§2.0 suspensionLift row: card + A×1 or B×1; the 住基用 PIN just verified). */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        Set<PossessionProof> proofs = EnumSet.noneOf(PossessionProof.class);
        proofs.addAll(check.proofs());
        proofs.add(PossessionProof.JUKI_PIN_VERIFIED);
        IdentityCheck withPin = new IdentityCheck(check.visitorType(), check.holderDocuments(), check.visitorDocuments(), proofs,
                check.legalRepresentative(), check.proxy());
        if (identityChecked(withPin, photoOnCard(), false)) {
            seqBefore = recording.lastSeq();
            moveTo(Step.RECORD);
        }
    }

    /**
     * Step RECORD: commits {@code SUSPENSION_LIFTED} (once, also after a crash) and wakes the engine,
     * which sends it at once. The link is checked again first: offline now is MDG-SYNC-001, nothing
     * recorded, the step stays.
     */
    public void proceed() {
        expect(Step.RECORD);
        if (!alreadyRecorded(OperationType.SUSPENSION_LIFTED) && !station.online()) {
            fail(Refusal.of(jp.madoguchi.common.CounterFailure.SYNC_CENTRAL_NEEDED).toException());
            return;
        }
        Recorded r = recordOnce(OperationType.SUSPENSION_LIFTED, () -> List.of(act(OperationType.SUSPENSION_LIFTED,
                Recording.payload("cardSerial", serial, "visitorType", visitor.name(), "idMethod", idMethod))));
        receipt = new Receipt(record.card().serialLast4(), visitor, idMethod, r.opId(), r.seq(), r.at());
        finish();
    }

    /**
     * Central's outcome for the recorded lift ({@code APPLIED}, {@code REJECTED} with its reason, …) once
     * the engine has its answer; empty before. Non-blocking: the screen polls it.
     */
    public Optional<String> centralOutcome() {
        if (receipt == null) {
            return Optional.empty();
        }
        List<OutboxEntry> e = station.store().entries(receipt.seq(), 1);
        if (e.isEmpty() || e.get(0).outcome() == null) {
            return Optional.empty();
        }
        return Optional.of(e.get(0).reason() == null ? e.get(0).outcome() : e.get(0).outcome() + " " + e.get(0).reason());
    }

    /** PR-38: after the lift central revokes SIGN; a holder who may have one is offered a free new issuance. */
    public boolean signToIssue() {
        return receipt != null && record.certificates().containsKey(jp.madoguchi.app.counter.domain.CertKind.SIGN);
    }

    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
    }

    @Override
    public Input expects() {
        if (finished()) {
            return Input.NONE;
        }
        if (step() == Step.CARD || !cardVerified) {
            return Input.CARD;
        }
        return switch (step()) {
            case JUKI_PIN -> Input.CURRENT_PIN;
            case IDENTITY -> Input.IDENTITY;
            case RECORD -> Input.PROCEED;
            default -> Input.NONE;
        };
    }

    /** {@inheritDoc} Not once the lift is recorded (WRONG_STEP): it goes to central. */
    @Override
    public void cancel() {
        if (step() == Step.RECORD && alreadyRecorded(OperationType.SUSPENSION_LIFTED)) {
            throw wrongStep();
        }
        super.cancel();
    }
}

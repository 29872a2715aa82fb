package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.common.CounterFailure;

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
        w.beginOnline(visitor);
        return w;
    }

    /** Picks up a saved lift after a crash; the card must be presented again (and its PIN, before RECORD). */
    public static SuspensionLiftWorkflow resume(CounterStation station, String id) {
        SuspensionLiftWorkflow w = new SuspensionLiftWorkflow(station, id);
        w.restore(Step.class);
        return w;
    }

    public static List<String> interrupted(CounterStation station) {
        return interrupted(station, KIND);
    }

    @Override
    Step resumedAt(Step saved) {
        return saved == Step.IDENTITY ? Step.JUKI_PIN : saved;
    }

    /** Everything a lift keeps is common: card, visitor, documents, the seq before the record. */
    @Override
    void saveState(Map<String, String> state) {
    }

    @Override
    void restoreState(Map<String, String> state) {
    }

    /** Step CARD (and after a pull or crash): reads the card; the first time, link, cached record and §2.5's preconditions. */
    public void cardPresented() {
        presentCard(Operation.SUSPENSION_LIFT).ifPresent(snap -> {
            Optional<Refusal> permitted = permission(Operation.SUSPENSION_LIFT, Optional.empty(), Optional.empty());
            if (permitted.isPresent()) {
                refuse(permitted.get());
            } else {
                moveTo(Step.JUKI_PIN);
            }
        });
    }

    /** Step JUKI_PIN: the 住基用 PIN verified on the card (MDG-PIN-005 with tries left, MDG-PIN-004 locked). */
    public void jukiPin(char[] pin) {
        if (verifiedAt(Step.JUKI_PIN, PinType.JUKI, pin)) {
            moveTo(Step.IDENTITY);
        }
    }

    /** Step IDENTITY (§2.0 suspensionLift row: card + A×1 or B×1; the 住基用 PIN just verified). */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        if (identityChecked(withProofs(check, PossessionProof.JUKI_PIN_VERIFIED), photoOnCard(), false)) {
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
            fail(Refusal.of(CounterFailure.SYNC_CENTRAL_NEEDED).toException());
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
        return receipt != null && record.certificates().containsKey(CertKind.SIGN);
    }

    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
    }

    @Override
    Input input(Step s) {
        return switch (s) {
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

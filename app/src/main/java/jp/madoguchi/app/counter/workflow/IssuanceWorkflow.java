package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.CertificateRules;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.common.MadoguchiException;

/**
 * New certificate issuance (電子証明書の新規発行, counter-rules §2.4) on a card without a live
 * certificate of the kind (declined at application, expired, SIGN revoked by a move or a suspension
 * lift, a holder who turned 15), as a state machine:
 *
 * <pre>
 *  start (online? else MDG-SYNC-001, card untouched) ─▶ CARD ─▶ CHOICE (kinds: none live, age, ward)
 *     ─▶ JUKI_PIN ─▶ IDENTITY ─▶ NEW_PIN (each chosen kind whose PIN the card reports NOT_SET)
 *     ─▶ ISSUE (per kind, as renewal: key on card → CSR → CA → staged write + ACTIVATE → CERT_ISSUED) ─▶ DONE
 *  any refusal ─▶ REFUSED          any step: cancel() ─▶ CANCELLED
 * </pre>
 *
 * A kind with a live certificate is renewal's, not this workflow's (MDG-FLOW-006). A card without a
 * signing certificate has no signing password (card-spec §2.5), so the holder sets it here before the
 * certificate is written; a PIN already set (the AUTH PIN set at delivery) is kept (§2.3 step 4). The
 * certificate writing, and what a pull or a CA failure does, is {@link CertificateWork}'s. One caller
 * thread; calls block on the card, the CA and the disk.
 */
public final class IssuanceWorkflow extends CertificateWork<IssuanceWorkflow.Step> {

    public enum Step { CARD, CHOICE, JUKI_PIN, IDENTITY, NEW_PIN, ISSUE, DONE, REFUSED, CANCELLED }

    /** What the issuance record prints (§6.3): the certificates written and the PINs set. */
    public record Receipt(String cardSerialLast4, List<RenewalWorkflow.Written> certificates, Set<PinType> pinsSet,
                          VisitorType visitorType, List<String> idMethod, List<Notice> notices) {
    }

    private static final String KIND = "cert-issue-";

    /** The PINs the card reported NOT_SET at the CARD step. */
    private final Set<PinType> unsetOnCard = EnumSet.noneOf(PinType.class);
    private final Set<PinType> pinsSet = EnumSet.noneOf(PinType.class);
    private Receipt receipt;

    private IssuanceWorkflow(CounterStation station, String id) {
        super(station, KIND, id, Operation.CERT_ISSUE, Step.class, Step.CARD);
    }

    /**
     * Starts an issuance. The CA is needed (PR-23): without the link the workflow is REFUSED with
     * MDG-SYNC-001 and the clerk is told so before the card is read or written.
     */
    public static IssuanceWorkflow start(CounterStation station, VisitorType visitor) {
        IssuanceWorkflow w = new IssuanceWorkflow(station, null);
        w.beginOnline(visitor);
        return w;
    }

    /**
     * Picks up a saved issuance after a crash; the card must be presented again. The 住基用 PIN verified
     * before is not remembered (a card reset forgets it too): before ISSUE the workflow goes back to it.
     */
    public static IssuanceWorkflow resume(CounterStation station, String id) {
        IssuanceWorkflow w = new IssuanceWorkflow(station, id);
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

    @Override
    void restoreState(Map<String, String> s) {
        restoreCertificates(s);
        split(s.get("unsetOnCard")).forEach(t -> unsetOnCard.add(PinType.valueOf(t)));
        split(s.get("pinsSet")).forEach(t -> pinsSet.add(PinType.valueOf(t)));
    }

    @Override
    void saveState(Map<String, String> s) {
        saveCertificates(s);
        s.put("unsetOnCard", join(unsetOnCard));
        s.put("pinsSet", join(pinsSet));
    }

    /**
     * Step CARD (and after a pull or crash): reads the card; the first time, its record, the
     * preconditions of §2.4 (ACTIVE, not expired, served here), whether this office issues certificates
     * at all (a mission: MDG-OFFICE-001, and the clerk is told where to send the resident) and which
     * PINs the card has not set.
     */
    public void cardPresented() {
        presentCard(Operation.CERT_ISSUE).ifPresent(snap -> {
            // Not offered where no kind may be issued (a mission, PR-07; a post office without the contract).
            Optional<Refusal> permitted = permission(Operation.CERT_ISSUE, Optional.empty(), Optional.of(CertKind.AUTH));
            if (permitted.isPresent()) {
                refuse(permitted.get());
                return;
            }
            for (PinType t : List.of(PinType.SIGN, PinType.AUTH)) {
                PinStatus st = snap.pin(PinKind.valueOf(t.name()));
                if (st == null || st.state() == PinStatus.State.NOT_SET) {
                    unsetOnCard.add(t);
                }
            }
            moveTo(Step.CHOICE);
        });
    }

    /**
     * Step CHOICE: the kinds to issue. A kind with a live certificate is MDG-FLOW-006 (renew it
     * instead); SIGN under 15 MDG-CERT-003, for an adult ward MDG-CERT-004; each kind against the
     * permission matrix (certIssue: not at missions, PR-07).
     */
    public void choose(Set<CertKind> kinds, boolean adultWard) {
        expect(Step.CHOICE);
        if (kinds.isEmpty()) {
            throw wrongStep();
        }
        Instant now = station.clock().instant();
        Map<CertKind, OperationType> chosen = new EnumMap<>(CertKind.class);
        for (CertKind k : kinds) {
            CertificateRules rules = station.certificates();
            Optional<Refusal> allowed = rules.checkKindAllowed(k, record.birthDate(), adultWard, ValidityRules.today(now));
            if (allowed.isPresent()) {
                fail(allowed.get().toException());
                return;
            }
            if (!(rules.plan(Optional.ofNullable(record.certificates().get(k)), now) instanceof CertificateRules.IssueNew)) {
                fail(new MadoguchiException(WorkflowFailure.CERTIFICATE_PRESENT, Map.of("kind", k.name())));
                return;
            }
            Optional<Refusal> permitted = permission(Operation.CERT_ISSUE, Optional.empty(), Optional.of(k));
            if (permitted.isPresent()) {
                fail(permitted.get().toException());
                return;
            }
            chosen.put(k, OperationType.CERT_ISSUED);
        }
        plans.clear();
        plans.putAll(chosen);
        moveTo(Step.JUKI_PIN);
    }

    /** Step JUKI_PIN: the current 住基用 PIN, verified on the card (MDG-PIN-005 with tries left, MDG-PIN-004 locked). */
    public void jukiPin(char[] pin) {
        if (verifiedAt(Step.JUKI_PIN, PinType.JUKI, pin)) {
            moveTo(Step.IDENTITY);
        }
    }

    /** Step IDENTITY (§2.0 certIssue row: card, face check, the 住基用 PIN just verified). */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        if (identityChecked(withProofs(check, PossessionProof.JUKI_PIN_VERIFIED), photoOnCard(), true)) {
            moveTo(nextPin().isPresent() ? Step.NEW_PIN : Step.ISSUE);
        }
    }

    private Optional<PinType> nextPin() {
        return plans.keySet().stream().map(CertKind::pin).filter(p -> unsetOnCard.contains(p) && !pinsSet.contains(p)).findFirst();
    }

    /** In NEW_PIN: the certificate PIN the holder sets next (one the card has not set). */
    public Optional<PinType> pinToSet() {
        return step() == Step.NEW_PIN ? nextPin() : Optional.empty();
    }

    /**
     * Step NEW_PIN: entry and confirmation of {@link #pinToSet()} (MDG-PIN-001/002/003; a weak PIN is
     * warned about and accepted), written in its own counter-authenticated session. Both arrays are cleared.
     */
    public void newPin(char[] entry, char[] confirmation) {
        Optional<PinType> written = writeNewPin(Step.NEW_PIN, this::pinToSet, "certificate PIN", entry, confirmation);
        if (written.isEmpty()) {
            return;
        }
        pinsSet.add(written.get());
        if (nextPin().isEmpty()) {
            moveTo(Step.ISSUE);
        } else {
            stay();
        }
    }

    /**
     * Step ISSUE: writes every chosen kind not yet written, one at a time, each recorded as
     * {@code CERT_ISSUED}. Stops at the first failure (call again to retry, or cancel). DONE after the last.
     */
    public void proceed() {
        expectCard(Step.ISSUE);
        if (writeCertificates()) {
            receipt = new Receipt(record.card().serialLast4(), List.copyOf(written), pinsSet.isEmpty() ? EnumSet.noneOf(PinType.class) : EnumSet.copyOf(pinsSet), visitor, idMethod,
                    notices());
            finish();
        }
    }

    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
    }

    /** The kinds chosen. */
    public Set<CertKind> kinds() {
        return Set.copyOf(plans.keySet());
    }

    @Override
    Input input(Step s) {
        return switch (s) {
            case CHOICE -> Input.CHOICE;
            case JUKI_PIN -> Input.CURRENT_PIN;
            case IDENTITY -> Input.IDENTITY;
            case NEW_PIN -> Input.NEW_PIN;
            case ISSUE -> Input.PROCEED;
            default -> Input.NONE;
        };
    }
}

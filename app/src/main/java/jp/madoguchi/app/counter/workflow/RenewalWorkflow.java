package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

/**
 * Certificate renewal (電子証明書の更新, counter-rules §2.3) for SIGN, AUTH or both, and new issuance
 * (§2.4) when a kind has no live certificate, as a state machine:
 *
 * <pre>
 *  start (online? else MDG-SYNC-001, card untouched) ─▶ CARD ─▶ CHOICE (kinds: age, window) ─▶ CURRENT_PINS
 *     ─▶ IDENTITY ─▶ ISSUE (per kind: key on card → CSR signed by the pending key → CA → staged write + ACTIVATE → recorded) ─▶ DONE
 *  a clerk renewing for a voluntary proxy: approve() by a supervisor before ISSUE (else MDG-FLOW-007)
 *  any refusal ─▶ REFUSED          any step: cancel() ─▶ CANCELLED
 * </pre>
 *
 * How a certificate reaches the card, and what a pull or a CA failure does, is {@link CertificateWork}'s.
 * One caller thread; calls block on the card, the CA and the disk.
 */
public final class RenewalWorkflow extends CertificateWork<RenewalWorkflow.Step> {

    public enum Step { CARD, CHOICE, CURRENT_PINS, IDENTITY, ISSUE, DONE, REFUSED, CANCELLED }

    /** One certificate written to the card (§6.3). */
    public record Written(CertKind kind, OperationType type, String certSerialHex, String notAfter, UUID opId, long seq) {
    }

    public record Receipt(String cardSerialLast4, List<Written> certificates, VisitorType visitorType, List<String> idMethod,
                          List<Notice> notices) {
    }

    private static final String KIND = "renewal-";

    private Receipt receipt;

    private RenewalWorkflow(CounterStation station, String id) {
        super(station, KIND, id, Operation.CERT_RENEWAL, Step.class, Step.CARD);
    }

    /**
     * Starts a renewal. The CA is needed (PR-23): without the link the workflow is REFUSED with
     * MDG-SYNC-001 before the card is read or written.
     */
    public static RenewalWorkflow start(CounterStation station, VisitorType visitor) {
        RenewalWorkflow w = new RenewalWorkflow(station, null);
        w.beginOnline(visitor);
        return w;
    }

    /**
     * Picks up a saved renewal after a crash. The PINs verified before are not remembered (a card reset
     * forgets them too): the workflow goes back to CURRENT_PINS if it had not reached ISSUE.
     */
    public static RenewalWorkflow resume(CounterStation station, String id) {
        RenewalWorkflow w = new RenewalWorkflow(station, id);
        w.restore(Step.class);
        return w;
    }

    public static List<String> interrupted(CounterStation station) {
        return interrupted(station, KIND);
    }

    @Override
    Step resumedAt(Step saved) {
        return saved == Step.IDENTITY ? Step.CURRENT_PINS : saved;
    }

    @Override
    void saveState(Map<String, String> s) {
        saveCertificates(s);
    }

    @Override
    void restoreState(Map<String, String> s) {
        restoreCertificates(s);
    }

    /**
     * Step CARD (and after a pull or crash): reads the card; the first time, its record, the
     * preconditions and whether this office renews certificates at all (a mission: MDG-OFFICE-001).
     */
    public void cardPresented() {
        presentCard(Operation.CERT_RENEWAL).ifPresent(snap -> {
            // Not offered where no kind may be renewed (a mission, PR-07; a post office without the contract).
            Optional<Refusal> permitted = permission(Operation.CERT_RENEWAL, Optional.empty(), Optional.of(CertKind.AUTH));
            if (permitted.isPresent()) {
                refuse(permitted.get());
                return;
            }
            station.preconditions().cardRenewalNotice(record.card(), station.clock().instant()).ifPresent(this::notice);
            moveTo(Step.CHOICE);
        });
    }

    /**
     * Step CHOICE: the kinds to renew (PR-35 offers both; the clerk may deselect one). SIGN under 15 is
     * MDG-CERT-003, an adult ward MDG-CERT-004, a window not yet open MDG-CERT-001; an expired, revoked
     * or absent certificate becomes a new issuance (MDG-CERT-002 notice for the expired one).
     */
    public void choose(Set<CertKind> kinds, boolean adultWard) {
        expect(Step.CHOICE);
        if (kinds.isEmpty()) {
            throw wrongStep();
        }
        Instant now = station.clock().instant();
        LocalDate today = ValidityRules.today(now);
        Map<CertKind, OperationType> chosen = new EnumMap<>(CertKind.class);
        List<Notice> extra = new ArrayList<>();
        for (CertKind k : kinds) {
            CertificateRules rules = station.certificates();
            Optional<Refusal> allowed = rules.checkKindAllowed(k, record.birthDate(), adultWard, today);
            if (allowed.isPresent()) {
                fail(allowed.get().toException());
                return;
            }
            CertificateRules.Plan plan = rules.plan(Optional.ofNullable(record.certificates().get(k)), now);
            if (plan instanceof CertificateRules.Refused r) {
                fail(r.refusal().toException());
                return;
            }
            Operation op = plan instanceof CertificateRules.Renew ? Operation.CERT_RENEWAL : Operation.CERT_ISSUE;
            Optional<Refusal> permitted = permission(op, Optional.empty(), Optional.of(k));
            if (permitted.isPresent()) {
                fail(permitted.get().toException());
                return;
            }
            if (plan instanceof CertificateRules.IssueNew issue) {
                extra.addAll(issue.notices());
            }
            chosen.put(k, op == Operation.CERT_RENEWAL ? OperationType.CERT_RENEWED : OperationType.CERT_ISSUED);
        }
        plans.clear();
        plans.putAll(chosen);
        notices(extra);
        moveTo(Step.CURRENT_PINS);
    }

    /** The PINs still to verify: 住基用 and each chosen kind's current PIN (a kind being issued anew has none to verify). */
    public List<PinType> pinsToVerify() {
        List<PinType> out = new ArrayList<>();
        if (!verified.contains(PinType.JUKI)) {
            out.add(PinType.JUKI);
        }
        plans.forEach((k, type) -> {
            if (type == OperationType.CERT_RENEWED && !verified.contains(k.pin())) {
                out.add(k.pin());
            }
        });
        return out;
    }

    /** Step CURRENT_PINS: one current PIN, verified on the card (MDG-PIN-005 with tries left, MDG-PIN-004 locked). */
    public void currentPin(PinType type, char[] pin) {
        if (!pinsToVerify().contains(type)) {
            java.util.Arrays.fill(pin, '\0');
            fail(wrongStep());
            return;
        }
        if (verifiedAt(Step.CURRENT_PINS, type, pin)) {
            verified.add(type);
            if (pinsToVerify().isEmpty()) {
                moveTo(Step.IDENTITY);
            } else {
                stay();
            }
        }
    }

    /** Step IDENTITY (§2.0 certRenewal row); the PINs verified here count as the PIN proofs. */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        if (identityChecked(withProofs(check, PossessionProof.JUKI_PIN_VERIFIED, PossessionProof.CERT_PINS_VERIFIED), true, true)) {
            moveTo(Step.ISSUE);
        }
    }

    /**
     * Step ISSUE: writes every chosen kind not yet written, one at a time. Stops at the first failure
     * (the old certificate of that kind stays in use); call again to retry, or cancel. DONE after the last.
     */
    public void proceed() {
        expectCard(Step.ISSUE);
        if (writeCertificates()) {
            receipt = new Receipt(record.card().serialLast4(), List.copyOf(written), visitor, idMethod, notices());
            finish();
        }
    }

    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
    }

    /** The card's record as the workflow judged it before writing (its certificates are the old ones). */
    public Optional<CardRecord> cardRecord() {
        return Optional.ofNullable(record);
    }

    /** The kinds chosen and whether each is a renewal or a new issuance. */
    public Map<CertKind, OperationType> plans() {
        return Map.copyOf(plans);
    }

    @Override
    Input input(Step s) {
        return switch (s) {
            case CHOICE -> Input.CHOICE;
            case CURRENT_PINS -> Input.CURRENT_PIN;
            case IDENTITY -> Input.IDENTITY;
            case ISSUE -> Input.PROCEED;
            default -> Input.NONE;
        };
    }
}

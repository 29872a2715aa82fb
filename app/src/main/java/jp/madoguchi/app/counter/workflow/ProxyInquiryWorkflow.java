package jp.madoguchi.app.counter.workflow;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.InquirySheet;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.IdentityRules;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.app.counter.rules.ValidityRules;

/**
 * Visit 1 of the voluntary proxy's two-visit route (照会書兼回答書, counter-rules §2.0 table, §2.2
 * "Voluntary proxy", PR-34), as a state machine:
 *
 * <pre>
 *  start(card, operation) ─▶ IDENTITY (the proxy's A×2 or A+B) ─▶ DONE (sheet registered; {@link #sheet()} for the print)
 *   │ refused: no two-visit route for the operation (MDG-PROXY-001), the card's record, preconditions, permission
 *   ▼                                          any step: cancel() ─▶ CANCELLED
 *  REFUSED
 * </pre>
 *
 * The sheet is posted to the holder's registered address; at visit 2, never on the same day and within
 * 30 days, the proxy brings the card, the sealed answer and their own documents, and the operation's
 * own workflow ({@link PinResetWorkflow}, {@link PinChangeWorkflow}, {@link SuspensionLiftWorkflow},
 * {@link RenewalWorkflow}, {@link IssuanceWorkflow}) is started for a {@code VOLUNTARY_PROXY} with the
 * sheet in the identity check: the sheet must be one this office registered for that card and
 * operation (MDG-PROXY-001 otherwise), and its date is the registered one. Nothing is read from or
 * written to a card, and nothing goes to central (the sync protocol has no type for it): the sheet is
 * kept in the workstation's local register ({@link InquiryRegister}). One caller thread.
 */
public final class ProxyInquiryWorkflow extends CounterWorkflow<ProxyInquiryWorkflow.Step> {

    public enum Step { IDENTITY, DONE, REFUSED, CANCELLED }

    /**
     * What the 照会書兼回答書 prints and the clerk tells the proxy.
     *
     * @param validUntil the last day of visit 2 (PR-34: 30 days after visit 1)
     */
    public record Sheet(InquirySheet sheet, Operation operation, String cardSerialLast4, LocalDate validUntil,
                        List<String> proxyIdMethod) {
    }

    /** The operations with a two-visit route (§2.0 table, the voluntary-proxy column). */
    public static final Set<Operation> ROUTED = Set.of(Operation.PIN_RESET, Operation.PIN_CHANGE, Operation.SUSPENSION_LIFT,
            Operation.CERT_RENEWAL, Operation.CERT_ISSUE);

    private static final String KIND = "proxy-inquiry-";

    private final Operation operationAsked;
    private Sheet sheet;

    private ProxyInquiryWorkflow(CounterStation station, String id, Operation operation) {
        super(station, KIND, id, operation, Step.class, Step.IDENTITY);
        this.operationAsked = operation;
    }

    /**
     * Starts visit 1 for the holder of {@code serial} (found by the clerk) and the {@code operation} the
     * proxy asks for: its two-visit route (MDG-PROXY-001 without one), the card's record in this
     * office's cache, its preconditions (e.g. a suspension lift needs a SUSPENDED card) and the
     * permission matrix (a mission does not change PINs: MDG-OFFICE-001). Offline it works as the
     * operation's own rules allow (PR-24).
     */
    public static ProxyInquiryWorkflow start(CounterStation station, String serial, Operation operation) {
        ProxyInquiryWorkflow w = new ProxyInquiryWorkflow(station, null, operation);
        w.serial = serial;
        w.visitor = VisitorType.VOLUNTARY_PROXY;
        if (!ROUTED.contains(operation)) {
            w.refuse(Refusal.of(jp.madoguchi.common.CounterFailure.PROXY_REQUIREMENTS));
            return w;
        }
        if (!w.admit(operation, "—")) {
            return w;
        }
        // The PIN and certificate rows of one operation share their cells: any of them answers.
        Optional<PinType> pin = operation == Operation.PIN_RESET ? Optional.of(PinType.AUTH) : Optional.empty();
        Optional<CertKind> kind = operation == Operation.CERT_RENEWAL || operation == Operation.CERT_ISSUE
                ? Optional.of(CertKind.AUTH) : Optional.empty();
        Optional<Refusal> permitted = w.permittedHere(operation, pin, kind);
        if (permitted.isPresent()) {
            w.refuse(permitted.get());
        } else {
            w.moveTo(Step.IDENTITY);
        }
        return w;
    }

    /** Picks up a saved visit 1 after a crash (MDG-FLOW-003 when its state cannot be read). */
    public static ProxyInquiryWorkflow resume(CounterStation station, String id) {
        Operation asked = new WorkflowJournal(station.stateDir()).load(id).map(s -> s.get("operationAsked")).map(Operation::valueOf)
                .orElseThrow(() -> new jp.madoguchi.common.MadoguchiException(WorkflowFailure.STATE_UNREADABLE, Map.of()));
        ProxyInquiryWorkflow w = new ProxyInquiryWorkflow(station, id, asked);
        w.restore(Step.class);
        return w;
    }

    public static List<String> interrupted(CounterStation station) {
        return interrupted(station, KIND);
    }

    /** The operation was read back before construction ({@link #resume}); nothing else is kept. */
    @Override
    void restoreState(Map<String, String> s) {
    }

    @Override
    void saveState(Map<String, String> s) {
        s.put("operationAsked", operationAsked.name());
    }

    /**
     * Step IDENTITY: the proxy's own documents (A×2 or A+B; MDG-ID-001 otherwise, the step stays). The
     * sheet is then numbered, registered durably and the workflow is DONE.
     */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        LocalDate today = ValidityRules.today(station.clock().instant());
        Optional<Refusal> r = station.identity().checkInquiryVisit(check, today);
        if (r.isPresent()) {
            fail(r.get().toException());
            return;
        }
        idMethod = check.idMethod().stream().map(Enum::name).toList();
        InquirySheet registered = new InquiryRegister(station.stateDir()).register(serial, operationAsked, today);
        sheet = new Sheet(registered, operationAsked, record.card().serialLast4(),
                today.plusDays(IdentityRules.INQUIRY_SHEET_VALID_DAYS), idMethod);
        finish();
    }

    /** The sheet once DONE. */
    public Optional<Sheet> sheet() {
        return Optional.ofNullable(sheet);
    }

    /**
     * The full serial of the card the sheet is for: the printed sheet looks its holder up in the read
     * cache with it (the sheet itself carries the last 4 only). Null before {@link #start} found it.
     */
    public String cardSerial() {
        return serial;
    }

    @Override
    Input input(Step s) {
        return s == Step.IDENTITY ? Input.IDENTITY : Input.NONE;
    }
}

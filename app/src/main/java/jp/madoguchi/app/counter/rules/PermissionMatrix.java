package jp.madoguchi.app.counter.rules;

import static jp.madoguchi.app.counter.rules.PermissionMatrix.Condition.CONTRACT;
import static jp.madoguchi.app.counter.rules.PermissionMatrix.Condition.DOMICILE_OR_STAY;
import static jp.madoguchi.app.counter.rules.PermissionMatrix.Condition.NONE;
import static jp.madoguchi.app.counter.rules.PermissionMatrix.Condition.OVERSEAS_CARD_ONLY;
import static jp.madoguchi.app.counter.rules.PermissionMatrix.Mark.ALLOWED;
import static jp.madoguchi.app.counter.rules.PermissionMatrix.Mark.APPROVAL;
import static jp.madoguchi.app.counter.rules.PermissionMatrix.Mark.NOT_PERMITTED;
import static jp.madoguchi.app.counter.rules.PermissionMatrix.Mark.SUPERVISOR_ONLY;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.ContractedOperation;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.OfficeType;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.domain.StaffRole;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.common.CounterFailure;

/**
 * The permission matrix of counter-rules §1.3 (office type × role × operation) and the approval rule
 * PR-03. The table below is the matrix written out row by row in the page's order; a post office's
 * contract can only remove operations from it (PR-02). Immutable and thread-safe.
 */
public final class PermissionMatrix {

    /** One cell's mark for one role. */
    public enum Mark {
        /** ✔ may perform. */
        ALLOWED("✔"),
        /** A: a clerk starts it, a supervisor approves; a supervisor performs it (with PR-03's second pair of eyes). */
        APPROVAL("A"),
        /** S: supervisor only. */
        SUPERVISOR_ONLY("S"),
        /** — not permitted. */
        NOT_PERMITTED("—");

        private final String symbol;

        Mark(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** A footnote on a cell. */
    public enum Condition {
        NONE(""),
        /** ¹ overseas cards only. */
        OVERSEAS_CARD_ONLY("¹"),
        /** ² only if the post office's contract includes it. */
        CONTRACT("²"),
        /** ³ as 本籍地, or for a person staying in Japan for a while. */
        DOMICILE_OR_STAY("³");

        private final String footnote;

        Condition(String footnote) {
            this.footnote = footnote;
        }

        public String footnote() {
            return footnote;
        }
    }

    /** One office type's cell for one row: the clerk's and the supervisor's mark, and the footnote. */
    public record Cell(Mark clerk, Mark supervisor, Condition condition) {
        public Mark forRole(StaffRole role) {
            return role == StaffRole.SUPERVISOR ? supervisor : clerk;
        }

        /** The cell as §1.3 prints it for {@code role}, e.g. {@code ✔¹} or {@code A²} ("—" carries no footnote). */
        public String symbol(StaffRole role) {
            Mark mark = forRole(role);
            return mark == NOT_PERMITTED ? mark.symbol() : mark.symbol() + condition.footnote();
        }
    }

    /**
     * The rows of §1.3, in its order, plus the rows counter-rules does not list (marked
     * {@code inCounterRules = false}; their cells are the project's choice, see docs/counter-domain.md).
     */
    public enum Row {
        DELIVERY(true, Optional.empty()),
        DELIVERY_VOLUNTARY_PROXY(true, Optional.empty()),
        PIN_RESET_SIGN(true, Optional.of(ContractedOperation.PIN_RESET)),
        PIN_RESET_AUTH(true, Optional.of(ContractedOperation.PIN_RESET)),
        PIN_RESET_JUKI(true, Optional.of(ContractedOperation.PIN_RESET)),
        PIN_RESET_CARD_TEXT(true, Optional.of(ContractedOperation.PIN_RESET)),
        PIN_CHANGE(true, Optional.of(ContractedOperation.PIN_CHANGE)),
        CERT_RENEWAL_SIGN(true, Optional.of(ContractedOperation.CERT_RENEWAL)),
        CERT_RENEWAL_AUTH(true, Optional.of(ContractedOperation.CERT_RENEWAL)),
        CERT_ISSUE(true, Optional.of(ContractedOperation.CERT_ISSUE)),
        SUSPENSION_LIFT(true, Optional.empty()),
        LOSS_REVOCATION(true, Optional.of(ContractedOperation.LOSS_REVOCATION)),
        ANNOTATION(true, Optional.empty()),
        OVERSEAS_CONVERSION(true, Optional.empty()),
        OVERSEAS_APPLICATION_INTAKE(true, Optional.empty()),
        DOMESTIC_APPLICATION_INTAKE(true, Optional.of(ContractedOperation.DOMESTIC_APPLICATION)),
        CARD_RETURN(true, Optional.empty()),
        OLD_CARD_COLLECTION(true, Optional.empty()),
        UNCLAIMED_DESTRUCTION(true, Optional.empty()),
        SUPERVISORY(true, Optional.empty()),
        TRAINING_MODE(true, Optional.empty()),
        /** Stock receipt, delivery notices and reminders, defect reports: not in §1.3. */
        STOCK_WORK(false, Optional.empty()),
        /** Annotating a conflict or rejected entry: "any staff may annotate them" (§1.3, SUPERVISORY row). */
        CONFLICT_NOTE(false, Optional.empty());

        private final boolean inCounterRules;
        private final Optional<ContractedOperation> contractItem;

        Row(boolean inCounterRules, Optional<ContractedOperation> contractItem) {
            this.inCounterRules = inCounterRules;
            this.contractItem = contractItem;
        }

        public boolean inCounterRules() {
            return inCounterRules;
        }

        /** The contract item a post office needs for this row's ² cells. */
        public Optional<ContractedOperation> contractItem() {
            return contractItem;
        }
    }

    private static final Map<Row, Map<OfficeType, Cell>> TABLE = new EnumMap<>(Row.class);

    static {
        //  row                           municipal clerk/sup           mission clerk/sup                          post office clerk/sup
        row(Row.DELIVERY,                 c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED, OVERSEAS_CARD_ONLY),   c(NOT_PERMITTED, NOT_PERMITTED));
        row(Row.DELIVERY_VOLUNTARY_PROXY, c(APPROVAL, ALLOWED),         c(NOT_PERMITTED, NOT_PERMITTED),           c(NOT_PERMITTED, NOT_PERMITTED));
        row(Row.PIN_RESET_SIGN,           c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED, OVERSEAS_CARD_ONLY),   c(ALLOWED, ALLOWED, CONTRACT));
        row(Row.PIN_RESET_AUTH,           c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED, OVERSEAS_CARD_ONLY),   c(ALLOWED, ALLOWED, CONTRACT));
        row(Row.PIN_RESET_JUKI,           c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED, OVERSEAS_CARD_ONLY),   c(ALLOWED, ALLOWED, CONTRACT));
        row(Row.PIN_RESET_CARD_TEXT,      c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED, OVERSEAS_CARD_ONLY),   c(ALLOWED, ALLOWED, CONTRACT));
        row(Row.PIN_CHANGE,               c(ALLOWED, ALLOWED),          c(NOT_PERMITTED, NOT_PERMITTED),           c(ALLOWED, ALLOWED, CONTRACT));
        row(Row.CERT_RENEWAL_SIGN,        c(ALLOWED, ALLOWED),          c(NOT_PERMITTED, NOT_PERMITTED),           c(ALLOWED, ALLOWED, CONTRACT));
        row(Row.CERT_RENEWAL_AUTH,        c(ALLOWED, ALLOWED),          c(NOT_PERMITTED, NOT_PERMITTED),           c(ALLOWED, ALLOWED, CONTRACT));
        row(Row.CERT_ISSUE,               c(ALLOWED, ALLOWED),          c(NOT_PERMITTED, NOT_PERMITTED),           c(ALLOWED, ALLOWED, CONTRACT));
        row(Row.SUSPENSION_LIFT,          c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED, OVERSEAS_CARD_ONLY),   c(NOT_PERMITTED, NOT_PERMITTED));
        row(Row.LOSS_REVOCATION,          c(APPROVAL, ALLOWED),         c(APPROVAL, ALLOWED, OVERSEAS_CARD_ONLY),  c(APPROVAL, ALLOWED, CONTRACT));
        row(Row.ANNOTATION,               c(ALLOWED, ALLOWED),          c(NOT_PERMITTED, NOT_PERMITTED),           c(NOT_PERMITTED, NOT_PERMITTED));
        row(Row.OVERSEAS_CONVERSION,      c(ALLOWED, ALLOWED),          c(NOT_PERMITTED, NOT_PERMITTED),           c(NOT_PERMITTED, NOT_PERMITTED));
        row(Row.OVERSEAS_APPLICATION_INTAKE, c(ALLOWED, ALLOWED, DOMICILE_OR_STAY), c(ALLOWED, ALLOWED),         c(NOT_PERMITTED, NOT_PERMITTED));
        row(Row.DOMESTIC_APPLICATION_INTAKE, c(ALLOWED, ALLOWED),       c(NOT_PERMITTED, NOT_PERMITTED),           c(ALLOWED, ALLOWED, CONTRACT));
        row(Row.CARD_RETURN,              c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED, OVERSEAS_CARD_ONLY),   c(NOT_PERMITTED, NOT_PERMITTED));
        row(Row.OLD_CARD_COLLECTION,      c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED, OVERSEAS_CARD_ONLY),   c(NOT_PERMITTED, NOT_PERMITTED));
        row(Row.UNCLAIMED_DESTRUCTION,    c(SUPERVISOR_ONLY, SUPERVISOR_ONLY), c(SUPERVISOR_ONLY, SUPERVISOR_ONLY), c(NOT_PERMITTED, NOT_PERMITTED));
        row(Row.SUPERVISORY,              c(SUPERVISOR_ONLY, SUPERVISOR_ONLY), c(SUPERVISOR_ONLY, SUPERVISOR_ONLY), c(SUPERVISOR_ONLY, SUPERVISOR_ONLY));
        row(Row.TRAINING_MODE,            c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED),                       c(ALLOWED, ALLOWED));
        row(Row.STOCK_WORK,               c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED, OVERSEAS_CARD_ONLY),   c(NOT_PERMITTED, NOT_PERMITTED));
        row(Row.CONFLICT_NOTE,            c(ALLOWED, ALLOWED),          c(ALLOWED, ALLOWED),                       c(ALLOWED, ALLOWED));
    }

    private static Cell c(Mark clerk, Mark supervisor) {
        return new Cell(clerk, supervisor, NONE);
    }

    private static Cell c(Mark clerk, Mark supervisor, Condition condition) {
        return new Cell(clerk, supervisor, condition);
    }

    private static void row(Row row, Cell municipal, Cell mission, Cell postOffice) {
        Map<OfficeType, Cell> cells = new EnumMap<>(OfficeType.class);
        cells.put(OfficeType.MUNICIPAL, municipal);
        cells.put(OfficeType.MISSION, mission);
        cells.put(OfficeType.POST_OFFICE, postOffice);
        TABLE.put(row, cells);
    }

    /** The cell of {@code row} for {@code officeType}. */
    public Cell cell(Row row, OfficeType officeType) {
        return TABLE.get(row).get(officeType);
    }

    /**
     * The row an operation falls under. Delivery to anyone but the holder (alone or with a legal
     * representative) is the voluntary-proxy row (PR-17); PIN reset needs its PIN type and renewal its
     * kind; continued use, validity extension and the face-auth switch are annotation work (§2.7).
     */
    public static Row rowOf(Operation operation, VisitorType visitor, Optional<PinType> pin, Optional<CertKind> kind) {
        return switch (operation) {
            case DELIVERY -> visitor == VisitorType.HOLDER || visitor == VisitorType.HOLDER_WITH_LEGAL_REP
                    ? Row.DELIVERY : Row.DELIVERY_VOLUNTARY_PROXY;
            case PIN_RESET -> switch (pin.orElseThrow(() -> new IllegalArgumentException("pinReset needs a PIN type"))) {
                case SIGN -> Row.PIN_RESET_SIGN;
                case AUTH -> Row.PIN_RESET_AUTH;
                case JUKI -> Row.PIN_RESET_JUKI;
                case CARD_TEXT -> Row.PIN_RESET_CARD_TEXT;
            };
            case PIN_CHANGE -> Row.PIN_CHANGE;
            case CERT_RENEWAL -> kind.orElseThrow(() -> new IllegalArgumentException("certRenewal needs a kind")) == CertKind.SIGN
                    ? Row.CERT_RENEWAL_SIGN : Row.CERT_RENEWAL_AUTH;
            case CERT_ISSUE -> Row.CERT_ISSUE;
            case SUSPENSION_LIFT -> Row.SUSPENSION_LIFT;
            case LOSS_REVOCATION -> Row.LOSS_REVOCATION;
            case ANNOTATION, CONTINUED_USE, VALIDITY_EXTENSION, FACE_AUTH_SWITCH -> Row.ANNOTATION;
            case OVERSEAS_CONVERSION -> Row.OVERSEAS_CONVERSION;
            case OVERSEAS_APPLICATION -> Row.OVERSEAS_APPLICATION_INTAKE;
            case DOMESTIC_APPLICATION -> Row.DOMESTIC_APPLICATION_INTAKE;
            case CARD_RETURN -> Row.CARD_RETURN;
            case OLD_CARD_COLLECTION -> Row.OLD_CARD_COLLECTION;
            case UNCLAIMED_DESTRUCTION -> Row.UNCLAIMED_DESTRUCTION;
            case VOID_OPERATION, CONFLICT_RESOLUTION, DAILY_TALLY_CLOSE -> Row.SUPERVISORY;
            case TRAINING_MODE -> Row.TRAINING_MODE;
            case STOCK_RECEIPT, DELIVERY_NOTICE, DEFECT_REPORT -> Row.STOCK_WORK;
            case CONFLICT_NOTE -> Row.CONFLICT_NOTE;
        };
    }

    /**
     * What is asked: who, where, which operation, and the facts the footnotes depend on.
     *
     * @param overseasCard          the card concerned is an overseas card (footnote ¹)
     * @param domicileOrStayInJapan the municipality is the applicant's 本籍地, or the applicant is staying in Japan (footnote ³)
     */
    public record Query(Office office, Staff staff, Operation operation, VisitorType visitor, Optional<PinType> pin,
                        Optional<CertKind> kind, boolean overseasCard, boolean domicileOrStayInJapan) {
        public Query {
            Objects.requireNonNull(office, "office");
            Objects.requireNonNull(staff, "staff");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(visitor, "visitor");
            Objects.requireNonNull(pin, "pin");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The answer: refused with a code, or allowed (perhaps only after a supervisor's approval). */
    public sealed interface Decision permits Allowed, Refused {
    }

    /**
     * Allowed; {@code approvalRequired} for the work of an A row (the clerk's cell is A, or a voluntary
     * proxy's renewal), whoever does it: a clerk needs a supervisor, a supervisor a second supervisor or,
     * as the only supervisor on duty, their own approval with a reason (PR-03, {@link #checkApproval}).
     */
    public record Allowed(boolean approvalRequired) implements Decision {
    }

    public record Refused(Refusal refusal) implements Decision {
    }

    /**
     * Decides a query. Refusals: staff of another office, a "—" cell, an S cell for a clerk, a post
     * office's contract without the item, footnote ³ unmet → {@code MDG-OFFICE-001}; footnote ¹ with a
     * domestic card → {@code MDG-CARD-002} (the card is handled at its 住所地). The work of an A row
     * needs approval whoever does it (PR-03); a voluntary proxy's certificate renewal needs it too (§2.3).
     */
    public Decision decide(Query q) {
        if (!q.staff().officeCode().equals(q.office().code())) {
            return refuse(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED));
        }
        Row row = rowOf(q.operation(), q.visitor(), q.pin(), q.kind());
        Cell cell = cell(row, q.office().type());
        Mark mark = cell.forRole(q.staff().role());
        if (mark == NOT_PERMITTED || (mark == SUPERVISOR_ONLY && !q.staff().isSupervisor())) {
            return refuse(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED));
        }
        switch (cell.condition()) {
            case OVERSEAS_CARD_ONLY -> {
                if (!q.overseasCard()) {
                    return refuse(Refusal.of(CounterFailure.CARD_OTHER_OFFICE, "office", Handler.RESIDENCE_MUNICIPALITY));
                }
            }
            case CONTRACT -> {
                boolean contracted = row.contractItem().map(q.office().contract()::contains).orElse(false);
                if (!contracted) {
                    return refuse(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED));
                }
            }
            case DOMICILE_OR_STAY -> {
                if (!q.domicileOrStayInJapan()) {
                    return refuse(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED));
                }
            }
            case NONE -> {
                // no footnote
            }
        }
        // PR-03's four eyes: the work of an A row needs a supervisor other than the one who does it.
        // A supervisor's own A work therefore needs a second supervisor too, or, as the only one on
        // duty, their own approval with a reason (checkApproval).
        boolean proxyRenewal = q.operation() == Operation.CERT_RENEWAL && q.visitor() == VisitorType.VOLUNTARY_PROXY;
        return new Allowed(cell.clerk() == APPROVAL || proxyRenewal);
    }

    /**
     * PR-03: an approval comes from a different supervisor of the same office; if only one supervisor
     * is on duty they may approve their own operation by entering a reason (listed in the daily tally).
     * Re-authentication is the workflow's step, not this rule's.
     *
     * @return the refusal ({@code MDG-OFFICE-001}), or empty when the approval stands
     */
    public Optional<Refusal> checkApproval(Office office, Staff requester, Staff approver, boolean onlySupervisorOnDuty,
                                           Optional<String> selfApprovalReason) {
        if (!approver.isSupervisor() || !approver.officeCode().equals(office.code())) {
            return Optional.of(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED));
        }
        boolean self = approver.staffId().equals(requester.staffId());
        if (self && !(onlySupervisorOnDuty && selfApprovalReason.filter(r -> !r.isBlank()).isPresent())) {
            return Optional.of(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED));
        }
        return Optional.empty();
    }

    /** The {@code {office}} of MDG-CARD-002 when the handling office is a kind of office rather than a named one. */
    public enum Handler implements CounterTexts.Labelled {
        /** The holder's address municipality (住所地). */
        RESIDENCE_MUNICIPALITY;

        @Override
        public String labelKey() {
            return "handler." + name();
        }
    }

    private static Decision refuse(Refusal refusal) {
        return new Refused(refusal);
    }
}

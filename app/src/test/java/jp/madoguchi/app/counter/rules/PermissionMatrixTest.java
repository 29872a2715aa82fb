package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.Fixtures;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.ContractedOperation;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.OfficeType;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.domain.StaffRole;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.PermissionMatrix.Allowed;
import jp.madoguchi.app.counter.rules.PermissionMatrix.Decision;
import jp.madoguchi.app.counter.rules.PermissionMatrix.Refused;
import jp.madoguchi.app.counter.rules.PermissionMatrix.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PermissionMatrixTest {

    private final PermissionMatrix matrix = new PermissionMatrix();

    /** counter-rules §1.3, copied cell by cell: municipal clerk/sup, mission clerk/sup, post office clerk/sup. */
    @ParameterizedTest(name = "{0}: {1} {2} | {3} {4} | {5} {6}")
    @CsvSource(delimiter = '|', textBlock = """
            DELIVERY                    | ✔  | ✔  | ✔¹ | ✔¹ | —  | —
            DELIVERY_VOLUNTARY_PROXY    | A  | ✔  | —  | —  | —  | —
            PIN_RESET_SIGN              | ✔  | ✔  | ✔¹ | ✔¹ | ✔² | ✔²
            PIN_RESET_AUTH              | ✔  | ✔  | ✔¹ | ✔¹ | ✔² | ✔²
            PIN_RESET_JUKI              | ✔  | ✔  | ✔¹ | ✔¹ | ✔² | ✔²
            PIN_RESET_CARD_TEXT         | ✔  | ✔  | ✔¹ | ✔¹ | ✔² | ✔²
            PIN_CHANGE                  | ✔  | ✔  | —  | —  | ✔² | ✔²
            CERT_RENEWAL_SIGN           | ✔  | ✔  | —  | —  | ✔² | ✔²
            CERT_RENEWAL_AUTH           | ✔  | ✔  | —  | —  | ✔² | ✔²
            CERT_ISSUE                  | ✔  | ✔  | —  | —  | ✔² | ✔²
            SUSPENSION_LIFT             | ✔  | ✔  | ✔¹ | ✔¹ | —  | —
            LOSS_REVOCATION             | A  | ✔  | A¹ | ✔¹ | A² | ✔²
            ANNOTATION                  | ✔  | ✔  | —  | —  | —  | —
            OVERSEAS_CONVERSION         | ✔  | ✔  | —  | —  | —  | —
            OVERSEAS_APPLICATION_INTAKE | ✔³ | ✔³ | ✔  | ✔  | —  | —
            DOMESTIC_APPLICATION_INTAKE | ✔  | ✔  | —  | —  | ✔² | ✔²
            CARD_RETURN                 | ✔  | ✔  | ✔¹ | ✔¹ | —  | —
            OLD_CARD_COLLECTION         | ✔  | ✔  | ✔¹ | ✔¹ | —  | —
            UNCLAIMED_DESTRUCTION       | S  | S  | S  | S  | —  | —
            SUPERVISORY                 | S  | S  | S  | S  | S  | S
            TRAINING_MODE               | ✔  | ✔  | ✔  | ✔  | ✔  | ✔
            """)
    void matrix_matches_counter_rules_cell_by_cell(Row row, String munClerk, String munSup, String misClerk, String misSup,
                                                   String postClerk, String postSup) {
        assertThat(row.inCounterRules()).isTrue();
        assertCell(row, OfficeType.MUNICIPAL, munClerk, munSup);
        assertCell(row, OfficeType.MISSION, misClerk, misSup);
        assertCell(row, OfficeType.POST_OFFICE, postClerk, postSup);
    }

    /** The rows counter-rules does not list: the project's choice, documented in docs/counter-domain.md. */
    @ParameterizedTest(name = "{0} (project choice): {1} {2} | {3} {4} | {5} {6}")
    @CsvSource(delimiter = '|', textBlock = """
            STOCK_WORK    | ✔ | ✔ | ✔¹ | ✔¹ | — | —
            CONFLICT_NOTE | ✔ | ✔ | ✔  | ✔  | ✔ | ✔
            """)
    void rows_outside_counter_rules(Row row, String munClerk, String munSup, String misClerk, String misSup,
                                    String postClerk, String postSup) {
        assertThat(row.inCounterRules()).isFalse();
        assertCell(row, OfficeType.MUNICIPAL, munClerk, munSup);
        assertCell(row, OfficeType.MISSION, misClerk, misSup);
        assertCell(row, OfficeType.POST_OFFICE, postClerk, postSup);
    }

    @Test
    void every_row_is_covered_by_the_two_tables() {
        assertThat(Arrays.stream(Row.values()).filter(Row::inCounterRules).count()).isEqualTo(21);
        assertThat(Row.values()).hasSize(23);
    }

    private void assertCell(Row row, OfficeType type, String clerk, String supervisor) {
        assertThat(matrix.cell(row, type).symbol(StaffRole.CLERK)).as(row + " " + type + " clerk").isEqualTo(clerk);
        assertThat(matrix.cell(row, type).symbol(StaffRole.SUPERVISOR)).as(row + " " + type + " supervisor").isEqualTo(supervisor);
    }

    /**
     * The decision for every operation × office × role with the footnotes satisfied (overseas card,
     * full post office contract, domicile or stay): allowed / approval / refused exactly as the cell says.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    void decisions_follow_the_cells(Operation operation) {
        for (Office office : new Office[] {Fixtures.MUNICIPAL, Fixtures.MISSION, Fixtures.POST_OFFICE_FULL}) {
            for (StaffRole role : StaffRole.values()) {
                Optional<PinType> pin = Optional.of(PinType.AUTH);
                Optional<CertKind> kind = Optional.of(CertKind.AUTH);
                Row row = PermissionMatrix.rowOf(operation, VisitorType.HOLDER, pin, kind);
                PermissionMatrix.Mark mark = matrix.cell(row, office.type()).forRole(role);
                Decision d = matrix.decide(query(office, role, operation, VisitorType.HOLDER, true, true));
                // PR-03: the work of a row whose clerk cell is A needs approval whoever does it.
                boolean fourEyes = matrix.cell(row, office.type()).clerk() == PermissionMatrix.Mark.APPROVAL;
                switch (mark) {
                    case ALLOWED -> assertThat(d).as(operation + " " + office.type() + " " + role).isEqualTo(new Allowed(fourEyes));
                    case APPROVAL -> assertThat(d).as(operation + " " + office.type() + " " + role).isEqualTo(new Allowed(true));
                    case SUPERVISOR_ONLY -> assertThat(d).as(operation + " " + office.type() + " " + role)
                            .isEqualTo(role == StaffRole.SUPERVISOR ? new Allowed(false) : officeRefusal());
                    case NOT_PERMITTED -> assertThat(d).as(operation + " " + office.type() + " " + role).isEqualTo(officeRefusal());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} at a mission with a domestic card → MDG-CARD-002")
    @CsvSource({"DELIVERY", "PIN_RESET", "SUSPENSION_LIFT", "LOSS_REVOCATION", "CARD_RETURN", "OLD_CARD_COLLECTION"})
    void mission_serves_overseas_cards_only(Operation operation) {
        Decision d = matrix.decide(query(Fixtures.MISSION, StaffRole.SUPERVISOR, operation, VisitorType.HOLDER, false, false));
        assertThat(((Refused) d).refusal().code()).isEqualTo("MDG-CARD-002");
        assertThat(((Refused) d).refusal().message(java.util.Locale.JAPANESE)).startsWith("このカードは住所地の市区町村での取扱いです。");
    }

    @Test
    void mission_takes_overseas_applications_without_a_card() {
        assertThat(matrix.decide(query(Fixtures.MISSION, StaffRole.CLERK, Operation.OVERSEAS_APPLICATION,
                VisitorType.HOLDER, false, false))).isEqualTo(new Allowed(false));
    }

    @ParameterizedTest(name = "post office contract {1}: {0} allowed = {2}")
    @CsvSource(textBlock = """
            PIN_RESET,            PIN_RESET,            true
            PIN_RESET,            CERT_RENEWAL,         false
            PIN_CHANGE,           PIN_CHANGE,           true
            PIN_CHANGE,           PIN_RESET,            false
            CERT_RENEWAL,         CERT_RENEWAL,         true
            CERT_RENEWAL,         CERT_ISSUE,           false
            CERT_ISSUE,           CERT_ISSUE,           true
            CERT_ISSUE,           CERT_RENEWAL,         false
            LOSS_REVOCATION,      LOSS_REVOCATION,      true
            LOSS_REVOCATION,      PIN_RESET,            false
            DOMESTIC_APPLICATION, DOMESTIC_APPLICATION, true
            DOMESTIC_APPLICATION, LOSS_REVOCATION,      false
            """)
    void post_office_contract_only_removes(Operation operation, ContractedOperation contracted, boolean allowed) {
        Office office = Office.postOffice("P0003", "模擬郵便局", Set.of(Fixtures.CITY), Set.of(contracted));
        Decision d = matrix.decide(query(office, StaffRole.SUPERVISOR, operation, VisitorType.HOLDER, false, false));
        assertThat(d instanceof Allowed).isEqualTo(allowed);
        if (!allowed) {
            assertThat(d).isEqualTo(officeRefusal());
        }
    }

    @Test
    void post_office_without_contract_can_do_nothing_but_training_and_supervisory_work() {
        for (Operation operation : Operation.values()) {
            Decision d = matrix.decide(query(Fixtures.POST_OFFICE_NONE, StaffRole.SUPERVISOR, operation, VisitorType.HOLDER, true, true));
            boolean expectedAllowed = Set.of(Operation.TRAINING_MODE, Operation.VOID_OPERATION, Operation.CONFLICT_RESOLUTION,
                    Operation.DAILY_TALLY_CLOSE, Operation.CONFLICT_NOTE).contains(operation);
            assertThat(d instanceof Allowed).as(operation.name()).isEqualTo(expectedAllowed);
        }
    }

    @ParameterizedTest(name = "overseas application at a municipality, domicile or stay = {0} → allowed {0}")
    @CsvSource({"true", "false"})
    void municipal_overseas_intake_needs_domicile_or_stay(boolean domicileOrStay) {
        Decision d = matrix.decide(query(Fixtures.MUNICIPAL, StaffRole.CLERK, Operation.OVERSEAS_APPLICATION, VisitorType.HOLDER,
                false, domicileOrStay));
        assertThat(d instanceof Allowed).isEqualTo(domicileOrStay);
    }

    @ParameterizedTest(name = "delivery, {0}, {1} → {2}")
    @CsvSource(textBlock = """
            HOLDER,                CLERK,      ALLOWED
            HOLDER_WITH_LEGAL_REP, CLERK,      ALLOWED
            VOLUNTARY_PROXY,       CLERK,      APPROVAL
            VOLUNTARY_PROXY,       SUPERVISOR, APPROVAL
            HOLDER,                SUPERVISOR, ALLOWED
            LEGAL_REP,             CLERK,      APPROVAL
            SAME_HOUSEHOLD,        CLERK,      APPROVAL
            """)
    void delivery_without_the_holder_is_the_proxy_row(VisitorType visitor, StaffRole role, String expected) {
        Decision d = matrix.decide(query(Fixtures.MUNICIPAL, role, Operation.DELIVERY, visitor, false, false));
        assertThat(d).isEqualTo(new Allowed(expected.equals("APPROVAL")));
        assertThat(matrix.decide(query(Fixtures.MISSION, StaffRole.SUPERVISOR, Operation.DELIVERY, VisitorType.VOLUNTARY_PROXY,
                true, false))).isEqualTo(officeRefusal());
    }

    @Test
    void voluntary_proxy_renewal_needs_approval_whoever_does_it() {
        assertThat(matrix.decide(query(Fixtures.MUNICIPAL, StaffRole.CLERK, Operation.CERT_RENEWAL, VisitorType.VOLUNTARY_PROXY,
                false, false))).isEqualTo(new Allowed(true));
        assertThat(matrix.decide(query(Fixtures.MUNICIPAL, StaffRole.SUPERVISOR, Operation.CERT_RENEWAL,
                VisitorType.VOLUNTARY_PROXY, false, false))).isEqualTo(new Allowed(true));
        assertThat(matrix.decide(query(Fixtures.MUNICIPAL, StaffRole.SUPERVISOR, Operation.CERT_RENEWAL,
                VisitorType.HOLDER, false, false))).isEqualTo(new Allowed(false));
    }

    @Test
    void pin_change_at_a_mission_is_refused() {
        assertThat(matrix.decide(query(Fixtures.MISSION, StaffRole.SUPERVISOR, Operation.PIN_CHANGE, VisitorType.HOLDER, true, false)))
                .isEqualTo(officeRefusal());
    }

    @Test
    void staff_of_another_office_is_refused() {
        Staff visitorStaff = Fixtures.staff(Fixtures.MISSION, StaffRole.SUPERVISOR);
        Decision d = matrix.decide(new PermissionMatrix.Query(Fixtures.MUNICIPAL, visitorStaff, Operation.TRAINING_MODE,
                VisitorType.HOLDER, Optional.empty(), Optional.empty(), false, false));
        assertThat(d).isEqualTo(officeRefusal());
    }

    @ParameterizedTest(name = "approval by {0}, only supervisor on duty {1}, reason \"{2}\" → ok {3}")
    @CsvSource(nullValues = "-", textBlock = """
            other-supervisor, false, -,            true
            self,             false, -,            false
            self,             true,  -,            false
            self,             true,  '  ',         false
            self,             true,  急病のため単独, true
            clerk,            true,  -,            false
            foreign,          true,  -,            false
            """)
    void approval_rule_pr03(String approverKind, boolean onlyOne, String reason, boolean ok) {
        Staff requester = new Staff("sup-1", "試験　一郎", StaffRole.SUPERVISOR, Fixtures.CITY);
        Staff approver = switch (approverKind) {
            case "other-supervisor" -> new Staff("sup-2", "試験　二郎", StaffRole.SUPERVISOR, Fixtures.CITY);
            case "self" -> requester;
            case "clerk" -> new Staff("clerk-1", "試験　三郎", StaffRole.CLERK, Fixtures.CITY);
            default -> new Staff("sup-9", "試験　九郎", StaffRole.SUPERVISOR, Fixtures.OTHER_CITY);
        };
        Optional<Refusal> r = matrix.checkApproval(Fixtures.MUNICIPAL, requester, approver, onlyOne, Optional.ofNullable(reason));
        assertThat(r.isEmpty()).isEqualTo(ok);
        r.ifPresent(refusal -> assertThat(refusal.code()).isEqualTo("MDG-OFFICE-001"));
    }

    private static Refused officeRefusal() {
        return new Refused(Refusal.of(jp.madoguchi.common.CounterFailure.OFFICE_NOT_PERMITTED));
    }

    private static PermissionMatrix.Query query(Office office, StaffRole role, Operation operation, VisitorType visitor,
                                                boolean overseasCard, boolean domicileOrStay) {
        return new PermissionMatrix.Query(office, Fixtures.staff(office, role), operation, visitor, Optional.of(PinType.AUTH),
                Optional.of(CertKind.AUTH), overseasCard, domicileOrStay);
    }
}

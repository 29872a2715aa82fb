package jp.madoguchi.app.forms;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.counter.workflow.ProxyInquiryWorkflow;
import jp.madoguchi.app.counter.workflow.SupervisorApproval;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.model.InquiryAnswerSheet;
import jp.madoguchi.reports.model.Kinds;

/**
 * The 照会書兼回答書 of a completed visit 1 ({@link ProxyInquiryWorkflow}, counter-rules §2.2): the
 * registered sheet (number, day sent, deadline, operation, card last 4), the holder and their
 * registered address from the read cache ({@link FormSource.Resident}), the signed-in clerk, the
 * approving supervisor if visit 1 needed one, and the proxy's name as the clerk typed it. Visit 1 is
 * not an act in the queue (nothing goes to central), so the sheet has no operation id or seq: its
 * 「外字要確認」 flags name the sheet number. Japanese only (the sheet is posted, not taken home, §6).
 * The sheet never carries a PIN: the holder writes new PINs by hand in the answer's boxes.
 * Stateless and thread-safe.
 */
public final class InquirySheetForm {

    private InquirySheetForm() {
    }

    /**
     * The form of {@code sheet}, for the card {@code cardSerial} ({@link ProxyInquiryWorkflow#cardSerial()}).
     * Blocking (the read cache): call it on a worker. MDG-CARD-010 when the cache no longer has the card.
     *
     * @param approval  the supervisor's approval visit 1 carried, if any
     * @param proxyName the proxy's name as typed on the identity page; blank prints a line to fill in by hand
     */
    public static PrintableForm<InquiryAnswerSheet> of(ProxyInquiryWorkflow.Sheet sheet, String cardSerial, CounterStation station,
                                                       String workstationId, boolean training, FormSource.StaffNames names,
                                                       Optional<SupervisorApproval> approval, String proxyName) {
        FormSource.Resident resident = FormSource.Resident.of(station, cardSerial);
        Staff clerk = station.staff();
        String clerkName = names.nameOf(clerk.staffId()).orElse(clerk.name());
        String supervisorName = approval.map(a -> names.nameOf(a.supervisorId()).orElse(a.supervisorName())).orElse(null);
        InquiryAnswerSheet data = new InquiryAnswerSheet(station.office().name(), station.office().code(), workstationId,
                clerkName, clerk.staffId(), supervisorName, LocalDateTime.ofInstant(station.clock().instant(), ValidityRules.JST),
                training, sheet.sheet().number(), sheet.sheet().issuedOn(), sheet.validUntil(), resident.holder(),
                resident.postalCode(), resident.address(), operation(sheet.operation()), sheet.cardSerialLast4(), proxyName);
        return new PrintableForm<>(ReportCatalogue.INQUIRY_SHEET, data, Locale.JAPANESE, sheet.sheet().number());
    }

    /** A file name the save dialog suggests: the report's name and the sheet number. */
    public static String suggestedFileName(ProxyInquiryWorkflow.Sheet sheet) {
        return ReportCatalogue.INQUIRY_SHEET.name() + "-" + sheet.sheet().number() + ".pdf";
    }

    private static Kinds.InquiryOperation operation(Operation operation) {
        return switch (operation) {
            case PIN_RESET -> Kinds.InquiryOperation.PIN_RESET;
            case PIN_CHANGE -> Kinds.InquiryOperation.PIN_CHANGE;
            case SUSPENSION_LIFT -> Kinds.InquiryOperation.SUSPENSION_LIFT;
            case CERT_RENEWAL -> Kinds.InquiryOperation.CERT_RENEWAL;
            case CERT_ISSUE -> Kinds.InquiryOperation.CERT_ISSUE;
            default -> throw new IllegalArgumentException("no two-visit route for " + operation);
        };
    }
}

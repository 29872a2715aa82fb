package jp.madoguchi.reports.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.ReportFailure;
import jp.madoguchi.reports.model.Kinds.InquiryOperation;

/**
 * 照会書兼回答書 (counter-rules §2.0 table, §2.2 "Voluntary proxy", PR-34; fields PR-57): printed at
 * visit 1 of a voluntary proxy's two-visit route and posted to the holder's registered address. The
 * top part (照会書) is the office's inquiry; the bottom part (回答書) is the holder's answer, with
 * empty boxes where the holder writes new PINs by hand for a PIN reset or change. Nothing of it is an
 * act sent to central: the sheet is identified by its number in the workstation's register, not by an
 * operation id and seq, and its footer says it is not sent.
 *
 * @param supervisorName  the approving supervisor, or null when visit 1 needed no approval
 * @param printedAt       when this copy was made (Asia/Tokyo wall time)
 * @param training        prints the 「訓練用・無効」 watermark
 * @param number          the sheet's number in the register ({@code Q<yyyyMMdd>-<hex>})
 * @param sentOn          the day it is posted (visit 1)
 * @param deadline        the last day of visit 2 (PR-34: 30 days after visit 1); not before {@code sentOn}
 * @param postalCode      the holder's postal code, or null when the workstation has none (a blank 〒 line is printed)
 * @param address         the holder's registered address, or null when the workstation has none (no address block)
 * @param cardSerialLast4 at most the last 4 characters of the card serial (more are cut off, §6)
 * @param proxyName       the voluntary proxy's name, or null (a blank line the clerk fills in by hand)
 */
public record InquiryAnswerSheet(String officeName, String officeCode, String workstationId,
                                 @NameText String clerkName, String clerkId, @NameText String supervisorName,
                                 LocalDateTime printedAt, boolean training, String number, LocalDate sentOn,
                                 LocalDate deadline, Holder holder, String postalCode, String address,
                                 InquiryOperation operation, String cardSerialLast4, @NameText String proxyName) {

    public InquiryAnswerSheet {
        Fields.required("officeName", officeName);
        Fields.required("officeCode", officeCode);
        Fields.required("workstationId", workstationId);
        Fields.required("clerkName", clerkName);
        Fields.required("clerkId", clerkId);
        Fields.required("printedAt", printedAt);
        Fields.required("number", number);
        Fields.required("sentOn", sentOn);
        Fields.required("deadline", deadline);
        if (deadline.isBefore(sentOn)) {
            throw new MadoguchiException(ReportFailure.PERIOD_INVALID, Map.of("from", sentOn.toString(), "to", deadline.toString()));
        }
        Fields.required("holder", holder);
        Fields.required("operation", operation);
        Fields.required("cardSerialLast4", cardSerialLast4);
        if (cardSerialLast4.codePointCount(0, cardSerialLast4.length()) > 4) {
            cardSerialLast4 = cardSerialLast4.substring(cardSerialLast4.offsetByCodePoints(cardSerialLast4.length(), -4));
        }
        postalCode = blankToNull(postalCode);
        address = blankToNull(address);
        proxyName = blankToNull(proxyName);
        supervisorName = blankToNull(supervisorName);
    }

    /** Whether the answer has the boxes for new PINs: a PIN reset or change (the holder writes them, §2.2). */
    public boolean asksForPins() {
        return operation == InquiryOperation.PIN_RESET || operation == InquiryOperation.PIN_CHANGE;
    }

    /** Whether the address block for a window envelope is printed: only when the workstation knows the address. */
    public boolean hasAddress() {
        return address != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package jp.madoguchi.reports.model;

import java.time.LocalDate;
import java.util.List;
import jp.madoguchi.reports.model.Kinds.PinType;
import jp.madoguchi.reports.model.Kinds.VisitorType;

/**
 * 暗証番号初期化・再設定 処理記録票 (counter-rules §6.2).
 *
 * @param change       true for a PIN change (current PIN known), false for a reset
 * @param pins         the PINs handled, with the tries left before (0 = locked; null when not read, as for a change)
 * @param inquiry      the inquiry sheet of a voluntary proxy's two visits, or null
 * @param refusalCode  the MDG code when the operation was refused, else null
 */
public record PinResetRecord(FormHeader header, Holder holder, String cardSerialLast4, boolean change,
                             List<PinTries> pins, String reason, VisitorType visitorType,
                             @NameText String representativeName, String idMethod, InquirySheet inquiry,
                             String result, String refusalCode) {

    public PinResetRecord {
        Fields.required("header", header);
        Fields.required("holder", holder);
        Fields.required("cardSerialLast4", cardSerialLast4);
        pins = Fields.list("pins", pins);
        if (pins.isEmpty()) {
            Fields.required("pins", null);
        }
        Fields.required("reason", reason);
        Fields.required("visitorType", visitorType);
        Fields.required("idMethod", idMethod);
        Fields.required("result", result);
    }

    /** Whether the given PIN was handled: the four check boxes. */
    public boolean handles(PinType type) {
        return pins.stream().anyMatch(p -> p.pin() == type);
    }

    /** Tries left before the reset, or null when that PIN was not handled or its tries were not read. */
    public Integer triesLeft(PinType type) {
        for (PinTries p : pins) {
            if (p.pin() == type) {
                return p.triesLeftBefore();
            }
        }
        return null;
    }

    /**
     * One PIN and the tries it had left when the holder came: null when the act did not read them (a
     * change verifies the current PIN instead, so the count before is not part of its record).
     */
    public record PinTries(PinType pin, Integer triesLeftBefore) {
        public PinTries {
            Fields.required("pins.pin", pin);
        }
    }

    /** 照会書兼回答書: number, the date it was posted and its deadline (PR-34). */
    public record InquirySheet(String number, LocalDate sentOn, LocalDate deadline) {
        public InquirySheet {
            Fields.required("inquiry.number", number);
            Fields.required("inquiry.sentOn", sentOn);
            Fields.required("inquiry.deadline", deadline);
        }
    }
}

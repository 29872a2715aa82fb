package jp.madoguchi.app.counter.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * 照会書兼回答書 of the two-visit proxy route (counter-rules §2.2): printed at visit 1 and posted to
 * the holder's registered address.
 *
 * @param number   the sheet number printed on the PIN reset record
 * @param issuedOn the date of visit 1 (the sheet is valid 30 days from it, PR-34)
 */
public record InquirySheet(String number, LocalDate issuedOn) {
    public InquirySheet {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(issuedOn, "issuedOn");
    }
}

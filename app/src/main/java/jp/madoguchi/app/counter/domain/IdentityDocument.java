package jp.madoguchi.app.counter.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One identity document the clerk has seen. No number is held (PR-12).
 *
 * @param type                    the document type
 * @param issuedOn                the issue date where it matters (運転経歴証明書)
 * @param validUntil              the last day of validity, when the document has one (PR-12: it must be valid on the day)
 * @param hasPhoto                whether it carries the bearer's photo (class A always does; some class B do)
 * @param showsBirthDateOrAddress whether it shows 生年月日 or 住所 besides the name (a name-only document does not count)
 */
public record IdentityDocument(DocumentType type, Optional<LocalDate> issuedOn, Optional<LocalDate> validUntil,
                               boolean hasPhoto, boolean showsBirthDateOrAddress) {

    public IdentityDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    /** A class-A document valid until {@code validUntil} (photo, name and birth date shown). */
    public static IdentityDocument classA(DocumentType type, LocalDate validUntil) {
        return new IdentityDocument(type, Optional.empty(), Optional.of(validUntil), true, true);
    }

    /** A class-B document without expiry that shows name and birth date or address, without photo. */
    public static IdentityDocument classB(DocumentType type) {
        return new IdentityDocument(type, Optional.empty(), Optional.empty(), false, true);
    }
}

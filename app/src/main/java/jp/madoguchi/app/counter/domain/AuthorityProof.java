package jp.madoguchi.app.counter.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * 代理権確認書類 (counter-rules §2.0): a 戸籍 certificate issued within 3 months (N31), a
 * 成年後見登記事項証明書, or a ground on which none is needed.
 *
 * @param kind     which proof
 * @param issuedOn the issue date (required for a 戸籍 certificate)
 */
public record AuthorityProof(Kind kind, Optional<LocalDate> issuedOn) {

    public enum Kind {
        /** 戸籍謄抄本, valid 3 months from issue. */
        KOSEKI_CERTIFICATE,
        /** 成年後見登記事項証明書: also tells the counter that the holder is an adult ward (PR-16). */
        GUARDIANSHIP_REGISTRY_CERTIFICATE,
        /** Not needed: the representative is in the holder's household (resident record shows it). */
        NOT_NEEDED_SAME_HOUSEHOLD,
        /** Not needed: the holder's 本籍 is in this municipality. */
        NOT_NEEDED_DOMICILE_HERE,
        /** Nothing shown. */
        NONE
    }

    public AuthorityProof {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(issuedOn, "issuedOn");
        if (kind == Kind.KOSEKI_CERTIFICATE && issuedOn.isEmpty()) {
            throw new IllegalArgumentException("a koseki certificate needs its issue date (N31)");
        }
    }

    public static AuthorityProof of(Kind kind) {
        return new AuthorityProof(kind, Optional.empty());
    }

    public static AuthorityProof koseki(LocalDate issuedOn) {
        return new AuthorityProof(Kind.KOSEKI_CERTIFICATE, Optional.of(issuedOn));
    }
}

package jp.madoguchi.app.counter.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One JPKI certificate on a card, as the card and the central feed describe it.
 *
 * @param kind             SIGN or AUTH
 * @param serialHex        the certificate serial in hex (forms print the last 8 digits)
 * @param notAfter         the certificate's own notAfter; once issued it wins over any computed date (PR-46)
 * @param status           the central status
 * @param holdReason       present exactly when ON_HOLD
 * @param revocationReason present exactly when REVOKED
 * @param version          the central version of this certificate's status
 */
public record Certificate(CertKind kind, String serialHex, Instant notAfter, CertStatus status,
                          Optional<CertHoldReason> holdReason, Optional<CertRevocationReason> revocationReason,
                          long version) {

    public Certificate {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(serialHex, "serialHex");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(holdReason, "holdReason");
        Objects.requireNonNull(revocationReason, "revocationReason");
        if ((status == CertStatus.ON_HOLD) != holdReason.isPresent()) {
            throw new IllegalArgumentException("a hold reason goes with ON_HOLD and only with it");
        }
        if ((status == CertStatus.REVOKED) != revocationReason.isPresent()) {
            throw new IllegalArgumentException("a revocation reason goes with REVOKED and only with it");
        }
    }

    /** The last 8 hex digits of the serial, as the renewal form prints them (counter-rules §6.3). */
    public String serialLast8() {
        return serialHex.length() <= 8 ? serialHex : serialHex.substring(serialHex.length() - 8);
    }
}

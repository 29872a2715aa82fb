package jp.madoguchi.card;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one read of a My Number Card returns (issue 4), immutable. Fields a read could not fill
 * are empty: My Number and basic 4 information need the 入力補助 PIN, the sign certificate the sign
 * password, and the certificates are absent from a partial (screen-first) snapshot.
 *
 * @param common            共通AP record: card serial, municipality, card expiry
 * @param lifeCycle         TRANSPORT/OPERATIONAL if the read had to ask (a PIN answered 6984), else empty
 * @param pins              every holder PIN's tries, read without spending one
 * @param cardTextPinResult the outcome of the 入力補助 PIN when one was given
 * @param signPinResult     the outcome of the sign password when one was given
 * @param authCertificatePresent / signCertificatePresent from JPKI EF 0008
 * @param complete          false for the screen-first partial snapshot
 * @param apduCount         APDUs this read sent (diagnostics and the benchmark)
 */
public record CardSnapshot(
        CommonInfo common,
        Optional<MyNumber> myNumber,
        Optional<BasicInfo> basicInfo,
        Map<PinKind, PinStatus> pins,
        Optional<PinVerification> cardTextPinResult,
        Optional<PinVerification> signPinResult,
        Optional<LifeCycle> lifeCycle,
        boolean authCertificatePresent,
        boolean signCertificatePresent,
        Optional<TokenInfo> token,
        Optional<CardFaceInfo> cardFace,
        Optional<CertificateInfo> authCertificate,
        Optional<CertificateInfo> authCaCertificate,
        Optional<CertificateInfo> signCaCertificate,
        Optional<CertificateInfo> signCertificate,
        boolean complete,
        int apduCount) {

    public CardSnapshot {
        pins = Collections.unmodifiableMap(new EnumMap<>(pins));
    }

    /** The 15-digit card serial (共通AP, card-spec §2.9). */
    public String cardSerial() {
        return common.cardSerial();
    }

    public PinStatus pin(PinKind kind) {
        return pins.get(kind);
    }

    /** Life-cycle state of the card (card-spec §7.9). */
    public enum LifeCycle { TRANSPORT, OPERATIONAL }
}

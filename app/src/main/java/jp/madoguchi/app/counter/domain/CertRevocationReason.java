package jp.madoguchi.app.counter.domain;

/** Why a certificate is {@link CertStatus#REVOKED} (counter-rules §2.3, §2.5, §4.3, PR-28). */
public enum CertRevocationReason {
    SUPERSEDED, SUSPENSION, CARD_REVOKED, HOLDER_REQUEST, KEY_COMPROMISE, OFFICIAL_CORRECTION, ISSUE_ABORTED,
    BASIC_INFO_CHANGED
}

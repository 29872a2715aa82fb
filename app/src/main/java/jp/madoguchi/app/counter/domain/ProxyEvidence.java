package jp.madoguchi.app.counter.domain;

/** Evidence that the holder cannot attend (counter-rules §2.0). */
public enum ProxyEvidence {
    MEDICAL_CERTIFICATE, HANDBOOK, CARE_INSURANCE_CARD,
    /** 顔写真証明書 signed by the head of the hospital or facility (form 別紙様式第1-1). */
    PHOTO_CERTIFICATE,
    /** A school or enrolment certificate, a travel or seafarer's document, and the like. */
    OTHER_DOCUMENT
}

package jp.madoguchi.app.counter.domain;

/**
 * Reasons that let a card be collected without the holder (counter-rules §2.0). Being busy with work
 * or school is not one, so it has no constant.
 */
public enum ProxyReason {
    WARD_CURATORSHIP, PRESCHOOL_OR_PUPIL, HIGH_SCHOOL, AGE_75_PLUS, HOSPITAL, DISABILITY, CARE_FACILITY,
    CARE_CERTIFIED, PREGNANCY, LONG_TRIP_OR_SEAFARER, STUDY_ABROAD, WITHDRAWAL
}

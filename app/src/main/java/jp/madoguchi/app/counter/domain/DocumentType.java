package jp.madoguchi.app.counter.domain;

/**
 * The identity document types of counter-rules §2.0 with their nominal class. The workstation records
 * the type and class, never the document's number (PR-12).
 */
public enum DocumentType {
    MY_NUMBER_CARD(DocumentClass.ID_A),
    DRIVERS_LICENSE(DocumentClass.ID_A),
    /** 運転経歴証明書: class A only when issued on or after 2012-04-01. */
    DRIVING_HISTORY_CERTIFICATE(DocumentClass.ID_A),
    PASSPORT(DocumentClass.ID_A),
    PHYSICAL_DISABILITY_HANDBOOK(DocumentClass.ID_A),
    MENTAL_HEALTH_HANDBOOK(DocumentClass.ID_A),
    REHABILITATION_HANDBOOK(DocumentClass.ID_A),
    RESIDENCE_CARD(DocumentClass.ID_A),
    SPECIAL_PERMANENT_RESIDENT_CERTIFICATE(DocumentClass.ID_A),
    JUKI_CARD_WITH_PHOTO(DocumentClass.ID_A),
    OTHER_PUBLIC_PHOTO_ID(DocumentClass.ID_A),
    HEALTH_INSURANCE_CERTIFICATE(DocumentClass.ID_B),
    CARE_INSURANCE_CERTIFICATE(DocumentClass.ID_B),
    PENSION_BOOK(DocumentClass.ID_B),
    MEDICAL_BENEFIT_CERTIFICATE(DocumentClass.ID_B),
    EMPLOYEE_ID(DocumentClass.ID_B),
    STUDENT_ID(DocumentClass.ID_B),
    MATERNAL_HEALTH_HANDBOOK(DocumentClass.ID_B),
    BANK_PASSBOOK(DocumentClass.ID_B),
    OTHER_B(DocumentClass.ID_B);

    private final DocumentClass nominalClass;

    DocumentType(DocumentClass nominalClass) {
        this.nominalClass = nominalClass;
    }

    /** The class §2.0 lists the type under; {@code rules.IdentityRules} decides what a given document counts as. */
    public DocumentClass nominalClass() {
        return nominalClass;
    }
}

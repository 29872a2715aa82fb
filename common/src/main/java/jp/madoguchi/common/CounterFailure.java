package jp.madoguchi.common;

/**
 * The failure codes of counter-rules.md §2.0, shared by every module that meets their condition
 * (a card pulled mid-operation is {@link #CARD_REMOVED} whether card-reader or a workflow notices it).
 */
public enum CounterFailure implements FailureCode {
    CARD_NOT_SELECTED_PERSONS("MDG-CARD-001"),
    CARD_OTHER_OFFICE("MDG-CARD-002"),
    CARD_ALREADY_DELIVERED("MDG-CARD-003"),
    CARD_SUSPENDED("MDG-CARD-004"),
    CARD_REVOKED("MDG-CARD-005"),
    CARD_EXPIRED("MDG-CARD-006"),
    CARD_REMOVED("MDG-CARD-007"),
    CARD_FACE_AUTH("MDG-CARD-008"),
    CARD_HOLDER_MOVED("MDG-CARD-009"),
    CARD_NOT_IN_STOCK("MDG-CARD-010"),
    CARD_CONVERSION_TOO_LATE("MDG-CARD-011"),
    CARD_NOT_DELIVERED("MDG-CARD-012"),
    PIN_SIGN_FORMAT("MDG-PIN-001"),
    PIN_DIGITS_FORMAT("MDG-PIN-002"),
    PIN_CONFIRMATION_MISMATCH("MDG-PIN-003"),
    PIN_LOCKED("MDG-PIN-004"),
    PIN_WRONG("MDG-PIN-005"),
    CERT_WINDOW_NOT_OPEN("MDG-CERT-001"),
    CERT_EXPIRED("MDG-CERT-002"),
    CERT_SIGN_UNDER_15("MDG-CERT-003"),
    CERT_SIGN_ADULT_WARD("MDG-CERT-004"),
    ID_INSUFFICIENT("MDG-ID-001"),
    PROXY_REQUIREMENTS("MDG-PROXY-001"),
    PROXY_ENVELOPE_OPENED("MDG-PROXY-002"),
    OFFICE_NOT_PERMITTED("MDG-OFFICE-001"),
    SYNC_CENTRAL_NEEDED("MDG-SYNC-001"),
    SYNC_QUEUED("MDG-SYNC-002"),
    SYNC_CACHE_TOO_OLD("MDG-SYNC-003"),
    SYNC_MAINTENANCE_DAY("MDG-SYNC-004");

    private final String code;

    CounterFailure(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String bundleBaseName() {
        return "jp.madoguchi.common.CounterFailures";
    }
}

package jp.madoguchi.app.counter.domain;

/**
 * The operations a post office contract may name (counter-rules §1.3, footnote ²). Central sends
 * the list (sync-protocol {@code OFFICE_CONFIG_CHANGED.capabilities}); anything absent is refused.
 */
public enum ContractedOperation {
    PIN_RESET, PIN_CHANGE, CERT_RENEWAL, CERT_ISSUE, LOSS_REVOCATION, DOMESTIC_APPLICATION
}

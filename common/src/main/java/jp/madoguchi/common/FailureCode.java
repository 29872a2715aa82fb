package jp.madoguchi.common;

/**
 * A clerk-facing failure with a stable code such as {@code MDG-CARD-007} (architecture.md §3).
 *
 * <p>Each implementing enum owns one resource bundle that holds, per code, a {@code .message} and an
 * {@code .action} in Japanese (the default bundle) and English ({@code _en}). Messages may name
 * parameters as {@code {name}}; they never carry a PIN or personal data.
 */
public interface FailureCode {

    /** The stable code, e.g. {@code MDG-SYNC-001}. */
    String code();

    /** Base name of the resource bundle holding this code's texts. */
    String bundleBaseName();
}

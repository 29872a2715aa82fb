package jp.madoguchi.card;

import java.util.Map;

/**
 * The card's answer breaks card-spec.md: truncated TLV, a length beyond the data, an absurd size,
 * wrong DER. Thrown by every parser in place of index, arithmetic or certificate errors.
 */
public class MalformedResponseException extends CardAccessException {

    private static final long serialVersionUID = 1L;

    private final String detail;

    public MalformedResponseException(String detail) {
        this(detail, null);
    }

    public MalformedResponseException(String detail, Throwable cause) {
        super(ReaderFailure.MALFORMED_RESPONSE, Map.of(), cause);
        this.detail = detail;
    }

    /** What was wrong, for the log (never card data). */
    public String detail() {
        return detail;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " [" + detail + "]";
    }
}

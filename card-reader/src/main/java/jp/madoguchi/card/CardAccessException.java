package jp.madoguchi.card;

import java.util.Map;
import jp.madoguchi.common.FailureCode;
import jp.madoguchi.common.MadoguchiException;

/**
 * Any failure of the card layer that a clerk may meet. Subclasses say which: a status word
 * ({@link CardStatusException}), a broken answer ({@link MalformedResponseException}), a pulled card
 * ({@link CardRemovedException}), a PIN outcome. Messages never hold a PIN or personal data.
 */
public class CardAccessException extends MadoguchiException {

    private static final long serialVersionUID = 1L;

    public CardAccessException(FailureCode failure, Map<String, ?> params, Throwable cause) {
        super(failure, params, cause);
    }

    public CardAccessException(FailureCode failure) {
        super(failure, Map.of(), null);
    }
}

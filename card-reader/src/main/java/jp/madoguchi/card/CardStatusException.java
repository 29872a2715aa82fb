package jp.madoguchi.card;

import java.util.Locale;
import java.util.Map;
import jp.madoguchi.common.FailureCode;

/** The card answered a status word the operation does not accept. {@link #sw()} is the raw word. */
public class CardStatusException extends CardAccessException {

    private static final long serialVersionUID = 1L;

    private final int sw;
    private final String command;

    public CardStatusException(FailureCode failure, int sw, String command) {
        super(failure, Map.of("sw", hex(sw), "command", command), null);
        this.sw = sw;
        this.command = command;
    }

    public int sw() {
        return sw;
    }

    /** The command's name (e.g. "READ BINARY"), never its data. */
    public String command() {
        return command;
    }

    static String hex(int sw) {
        return String.format(Locale.ROOT, "%04X", sw);
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " [" + command + " → " + hex(sw) + "]";
    }
}

package jp.madoguchi.sim.card;

/** A profile file that does not follow docs/card-profile.md; the message names the field. */
public final class BadProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadProfileException(String message) {
        super(message);
    }

    public BadProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}

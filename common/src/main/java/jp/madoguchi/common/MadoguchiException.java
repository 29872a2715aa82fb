package jp.madoguchi.common;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A failure that reaches a clerk: a {@link FailureCode}, its parameters, and a correlation id that the
 * log line and the screen both show so a help-desk call can find the stack trace.
 *
 * <p>{@link #getMessage()} is English and safe to log: parameters must never hold a PIN or personal data.
 */
public class MadoguchiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient FailureCode failure;
    private final transient Map<String, ?> params;
    private final String correlationId;

    public MadoguchiException(FailureCode failure, Map<String, ?> params, Throwable cause) {
        super(failure.code() + ": " + FailureMessages.message(failure, Locale.ENGLISH, params), cause);
        this.failure = failure;
        this.params = Map.copyOf(params);
        this.correlationId = UUID.randomUUID().toString().substring(0, 8);
    }

    public MadoguchiException(FailureCode failure, Map<String, ?> params) {
        this(failure, params, null);
    }

    public MadoguchiException(FailureCode failure) {
        this(failure, Map.of(), null);
    }

    public FailureCode failure() {
        return failure;
    }

    public String code() {
        return failure.code();
    }

    public Map<String, ?> params() {
        return params;
    }

    public String correlationId() {
        return correlationId;
    }

    /** The text for the clerk's screen in the given language. */
    public String clerkMessage(Locale locale) {
        return FailureMessages.message(failure, locale, params);
    }
}

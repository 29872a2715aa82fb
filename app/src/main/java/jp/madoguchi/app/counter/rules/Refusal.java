package jp.madoguchi.app.counter.rules;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.FailureMessages;
import jp.madoguchi.common.LocalizedParameter;
import jp.madoguchi.common.MadoguchiException;

/**
 * A rule said no: the counter-rules failure code and the parameters its message names. Parameter
 * values stay language-neutral (enums, dates, numbers) until {@link #message(Locale)} renders them.
 * Never carries a PIN or personal data.
 */
public record Refusal(CounterFailure failure, Map<String, Object> params) {

    public Refusal {
        Objects.requireNonNull(failure, "failure");
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Refusal of(CounterFailure failure) {
        return new Refusal(failure, Map.of());
    }

    public static Refusal of(CounterFailure failure, String key, Object value) {
        return new Refusal(failure, Map.of(key, value));
    }

    public static Refusal of(CounterFailure failure, String key1, Object value1, String key2, Object value2) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(key1, value1);
        params.put(key2, value2);
        return new Refusal(failure, params);
    }

    /** The stable code, e.g. {@code MDG-CERT-003}. */
    public String code() {
        return failure.code();
    }

    /** The clerk message with its parameters rendered in the same language. */
    public String message(Locale locale) {
        Map<String, String> rendered = new LinkedHashMap<>();
        params.forEach((k, v) -> rendered.put(k, CounterTexts.label(v, locale)));
        return FailureMessages.message(failure, locale, rendered);
    }

    /** What the clerk or workstation does next (counter-rules §2.0, "Workstation action"). */
    public String action(Locale locale) {
        return FailureMessages.action(failure, locale);
    }

    /**
     * The refusal as an exception for layers that throw. Its parameters stay language-neutral
     * ({@link LocalizedParameter}): the exception's own message is English, the log language, and
     * {@link MadoguchiException#clerkMessage(Locale)} renders them in the screen's language.
     */
    public MadoguchiException toException() {
        Map<String, Object> localized = new LinkedHashMap<>();
        params.forEach((k, v) -> localized.put(k, LocalizedParameter.of(locale -> CounterTexts.label(v, locale))));
        return new MadoguchiException(failure, localized);
    }
}

package jp.madoguchi.app.counter.rules;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The labels and notices the counter rules put into clerk-facing texts (PIN names, identity
 * requirements, notices), in Japanese (default) and English. The failure messages themselves stay in
 * {@code jp.madoguchi.common.CounterFailures}; this bundle only fills their parameters and holds the
 * notices that are not failures.
 */
public final class CounterTexts {

    static final String BUNDLE = "jp.madoguchi.app.counter.CounterTexts";
    private static final DateTimeFormatter JA_DATE = DateTimeFormatter.ofPattern("uuuu年M月d日");

    private CounterTexts() {
    }

    /** The text for {@code key} in {@code locale} (Japanese unless English is asked for). */
    public static String text(String key, Locale locale) {
        return bundle(locale).getString(key);
    }

    /**
     * A label for a parameter value: {@link Labelled} values and enums by their bundle key
     * ({@code PinType.SIGN}), dates per language, the rest as is.
     */
    static String label(Object value, Locale locale) {
        if (value instanceof Labelled labelled) {
            return text(labelled.labelKey(), locale);
        }
        if (value instanceof Enum<?> constant) {
            String key = constant.getDeclaringClass().getSimpleName() + "." + constant.name();
            ResourceBundle bundle = bundle(locale);
            return bundle.containsKey(key) ? bundle.getString(key) : constant.name();
        }
        if (value instanceof LocalDate date) {
            return isEnglish(locale) ? date.toString() : JA_DATE.format(date);
        }
        return String.valueOf(value);
    }

    static ResourceBundle bundle(Locale locale) {
        Locale which = isEnglish(locale) ? Locale.ENGLISH : Locale.ROOT;
        return ResourceBundle.getBundle(BUNDLE, which,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static boolean isEnglish(Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    /** A value with a label in this bundle. */
    interface Labelled {
        String labelKey();
    }
}

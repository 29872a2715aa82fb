package jp.madoguchi.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Looks up the clerk-facing texts of a {@link FailureCode}. Japanese is the default bundle; English is
 * {@code Locale.ENGLISH}. Thread-safe: {@link ResourceBundle} caches and is itself thread-safe.
 */
public final class FailureMessages {

    /** The two texts every code has. */
    public enum Part { MESSAGE, ACTION }

    private FailureMessages() {
    }

    /**
     * The clerk message with {@code {name}} placeholders filled from {@code params}; a
     * {@link LocalizedParameter} is filled in {@code locale}.
     */
    public static String message(FailureCode failure, Locale locale, Map<String, ?> params) {
        return fill(text(failure, Part.MESSAGE, locale), params, locale);
    }

    /** What the clerk or the workstation does next. */
    public static String action(FailureCode failure, Locale locale) {
        return text(failure, Part.ACTION, locale);
    }

    /** The raw text, placeholders unfilled. Throws {@link MissingResourceException} if absent. */
    public static String text(FailureCode failure, Part part, Locale locale) {
        return bundle(failure, locale).getString(key(failure, part));
    }

    /**
     * Every key a catalogue lacks or has in excess, in Japanese and English: the list a test asserts
     * empty so a new code cannot ship without both texts, and a dropped code leaves no stale text.
     */
    public static <E extends Enum<E> & FailureCode> List<String> catalogueProblems(Class<E> catalogue) {
        List<String> problems = new ArrayList<>();
        for (Locale locale : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
            java.util.Set<String> expected = new java.util.HashSet<>();
            for (E failure : catalogue.getEnumConstants()) {
                if (!failure.code().matches("MDG-[A-Z]+-\\d{3}")) {
                    problems.add(failure + ": malformed code " + failure.code());
                }
                ResourceBundle bundle = bundle(failure, locale);
                for (Part part : Part.values()) {
                    String key = key(failure, part);
                    expected.add(key);
                    if (!bundle.keySet().contains(key) || bundle.getString(key).isBlank()) {
                        problems.add(locale + ": missing " + key);
                    }
                }
            }
            E any = catalogue.getEnumConstants()[0];
            for (String key : bundle(any, locale).keySet()) {
                if (!expected.contains(key)) {
                    problems.add(locale + ": unused " + key);
                }
            }
        }
        return problems;
    }

    private static ResourceBundle bundle(FailureCode failure, Locale locale) {
        // No fallback to the JVM's default locale: ja is the root bundle, en its only variant.
        return ResourceBundle.getBundle(failure.bundleBaseName(), locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static String key(FailureCode failure, Part part) {
        return failure.code() + "." + part.name().toLowerCase(Locale.ROOT);
    }

    static String fill(String template, Map<String, ?> params, Locale locale) {
        String result = template;
        for (Map.Entry<String, ?> entry : params.entrySet()) {
            Object value = entry.getValue();
            String text = value instanceof LocalizedParameter l ? l.in(locale) : String.valueOf(value);
            result = result.replace("{" + entry.getKey() + "}", text);
        }
        return result;
    }
}

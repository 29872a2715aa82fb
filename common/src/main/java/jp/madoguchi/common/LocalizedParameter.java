package jp.madoguchi.common;

import java.util.Locale;
import java.util.function.Function;

/**
 * A failure parameter whose text depends on the language it is shown in (a PIN name, an identity
 * requirement): {@link FailureMessages} renders it in the message's own language, so a Japanese screen
 * never shows an English fragment inside a Japanese sentence. {@link #toString()} is the English text,
 * the log language.
 */
public final class LocalizedParameter {

    private final Function<Locale, String> text;

    private LocalizedParameter(Function<Locale, String> text) {
        this.text = text;
    }

    public static LocalizedParameter of(Function<Locale, String> text) {
        return new LocalizedParameter(text);
    }

    public String in(Locale locale) {
        return text.apply(locale);
    }

    @Override
    public String toString() {
        return in(Locale.ENGLISH);
    }
}

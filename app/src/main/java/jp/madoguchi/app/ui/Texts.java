package jp.madoguchi.app.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Every text of the screens, from the {@code Texts} bundles (Japanese is the root bundle, English
 * {@code _en}). Views bind to {@link #bind} so switching {@link #localeProperty()} re-labels every
 * open screen at once. Placeholders are {@code {name}}, filled from a map, as in FailureMessages.
 * FX-thread confined, like the properties it holds.
 */
public final class Texts {

    /** The languages the workstation speaks, in the order the settings screen offers them. */
    public static final List<Locale> LANGUAGES = List.of(Locale.JAPANESE, Locale.ENGLISH);
    static final String BUNDLE = "jp.madoguchi.app.ui.Texts";

    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>();

    public Texts(Locale initial) {
        locale.set(supported(initial));
    }

    /** Japanese unless the tag asks for English. */
    public static Locale supported(Locale requested) {
        return requested != null && requested.getLanguage().equals("en") ? Locale.ENGLISH : Locale.JAPANESE;
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public Locale locale() {
        return locale.get();
    }

    public void setLocale(Locale next) {
        locale.set(supported(next));
    }

    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The text now. */
    public String get(String key) {
        return bundle(locale.get()).getString(key);
    }

    /** The text now, {@code {name}} placeholders filled. */
    public String format(String key, Map<String, ?> params) {
        String text = get(key);
        for (Map.Entry<String, ?> e : params.entrySet()) {
            text = text.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
        }
        return text;
    }

    /** The text, following the language. */
    public StringBinding bind(String key) {
        return Bindings.createStringBinding(() -> get(key), locale);
    }

    /** A text computed from the language and {@code dependencies}, recomputed when any changes. */
    public StringBinding bindComputed(Callable<String> compute, Observable... dependencies) {
        Observable[] all = new Observable[dependencies.length + 1];
        all[0] = locale;
        System.arraycopy(dependencies, 0, all, 1, dependencies.length);
        return Bindings.createStringBinding(compute, all);
    }
}

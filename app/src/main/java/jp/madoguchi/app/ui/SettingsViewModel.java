package jp.madoguchi.app.ui;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;

/**
 * The settings screen: the language (switched at once for every open screen), the font size and
 * the high-contrast theme. The properties are the shared ones, so the screen edits them in place.
 * FX-thread confined.
 */
public final class SettingsViewModel {

    private final Texts texts;
    private final Appearance appearance;

    public SettingsViewModel(Texts texts, Appearance appearance) {
        this.texts = texts;
        this.appearance = appearance;
    }

    public ObjectProperty<Locale> languageProperty() {
        return texts.localeProperty();
    }

    public IntegerProperty fontSizeProperty() {
        return appearance.fontSizeProperty();
    }

    public BooleanProperty highContrastProperty() {
        return appearance.highContrastProperty();
    }

    /** A language's name in that language, so a clerk who cannot read the current one still finds theirs. */
    public static String languageName(Locale locale) {
        return Texts.bundle(locale).getString("settings.language.self");
    }
}

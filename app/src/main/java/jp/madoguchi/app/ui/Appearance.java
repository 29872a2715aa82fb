package jp.madoguchi.app.ui;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * How the window looks: base font size and the high-contrast theme. The window applies them to its
 * scene; the settings screen edits them. FX-thread confined.
 */
public final class Appearance {

    /** The font sizes offered, in pixels. */
    public static final List<Integer> FONT_SIZES = List.of(14, 16, 18, 20, 24);
    public static final int DEFAULT_FONT_SIZE = 16;

    private final IntegerProperty fontSize = new SimpleIntegerProperty(DEFAULT_FONT_SIZE);
    private final BooleanProperty highContrast = new SimpleBooleanProperty(false);

    public IntegerProperty fontSizeProperty() {
        return fontSize;
    }

    public BooleanProperty highContrastProperty() {
        return highContrast;
    }
}

package jp.madoguchi.app.ui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks where to save a file, so a ViewModel never opens a window itself and tests answer without one.
 * Called on the JavaFX thread (a modal chooser runs a nested event loop, not a blocking call).
 */
@FunctionalInterface
public interface SaveFileDialog {

    /** The file the clerk chose, or empty when they cancelled. */
    Optional<Path> choose(String title, String suggestedName);
}

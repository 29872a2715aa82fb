package jp.madoguchi.app.ui;

/**
 * The dialogs a ViewModel may open, so ViewModels never build a window themselves and tests answer
 * them without one. Called on the JavaFX thread; {@link #confirm} blocks that thread's event loop in
 * the usual modal way (a nested loop, not a blocking call).
 */
public interface DialogService {

    /** Asks a yes/no question; true when the clerk confirmed. */
    boolean confirm(String title, String question);
}

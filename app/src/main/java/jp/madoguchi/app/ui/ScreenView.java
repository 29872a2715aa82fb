package jp.madoguchi.app.ui;

import javafx.scene.Node;

/**
 * A screen's view inside the main window. {@link #close()} releases every listener, binding to a
 * shared property and subscription the screen made; the main window calls it when it shows
 * another screen or is itself closed.
 */
interface ScreenView extends AutoCloseable {

    Node node();

    /** The control that gets the focus when the screen opens. */
    Node firstFocus();

    @Override
    void close();
}

package jp.madoguchi.app.ui;

import java.util.function.Consumer;

/**
 * Reader state for the status bar; the card-reader adapter implements it. A new listener receives
 * the current status at once, then every change in the order they happened. Listeners may be called
 * on any thread (the status bar moves them to the FX thread); one listener's exception must not
 * stop the others. The caller closes the subscription when its screen closes.
 */
@FunctionalInterface
public interface ReaderStatusSource {

    Subscription subscribe(Consumer<ReaderStatus> listener);
}

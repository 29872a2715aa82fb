package jp.madoguchi.app.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * Where ViewModels hand results back to the screen. In the application it is the JavaFX thread
 * ({@link #FX}); ViewModel tests pass {@code Runnable::run} and need no toolkit.
 */
@FunctionalInterface
public interface UiThread extends Executor {

    /** Queues onto the JavaFX application thread; runs in order of submission. */
    UiThread FX = Platform::runLater;
}

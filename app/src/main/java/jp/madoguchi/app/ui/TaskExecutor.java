package jp.madoguchi.app.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs blocking work (password hashing, disk, self-checks, later the card and the network) away from
 * the JavaFX thread. ViewModels continue with {@code whenCompleteAsync(…, uiThread)}. Replaceable in
 * tests; the application uses {@link BackgroundTaskExecutor}.
 */
public interface TaskExecutor {

    /** Starts {@code task} on another thread; the future completes with its result or its exception. */
    <T> CompletableFuture<T> submit(Callable<T> task);
}

package jp.madoguchi.app.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Runs tasks at once on the caller's thread, so ViewModel tests need neither threads nor a toolkit. */
final class SameThread implements TaskExecutor {

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        try {
            return CompletableFuture.completedFuture(task.call());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}

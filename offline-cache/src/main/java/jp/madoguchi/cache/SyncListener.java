package jp.madoguchi.cache;

/**
 * Told of every change of {@link SyncStatus}. Called on the sync engine's threads, never on the FX
 * thread: a UI hops to its own thread (e.g. {@code Platform.runLater}). A listener that throws is
 * logged and does not stop the others.
 */
@FunctionalInterface
public interface SyncListener {
    void statusChanged(SyncStatus status);
}

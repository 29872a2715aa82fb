package jp.madoguchi.app.ui;

import java.util.function.Consumer;

/**
 * Link, queue and read-cache state for the status bar; the offline-cache adapter implements it.
 * Same contract as {@link ReaderStatusSource}: the current status at once, then changes in order,
 * on any thread, until the subscription is closed.
 */
@FunctionalInterface
public interface SyncStatusSource {

    Subscription subscribe(Consumer<SyncStatus> listener);
}

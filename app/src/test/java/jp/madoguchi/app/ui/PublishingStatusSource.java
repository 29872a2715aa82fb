package jp.madoguchi.app.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A status source the tests publish through, as the card-reader and offline-cache adapters will:
 * the current value to a new listener at once, then every change. Counts its live subscribers so a
 * test can prove a closed screen let go.
 */
final class PublishingStatusSource<T> {

    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private volatile T current;

    PublishingStatusSource(T initial) {
        current = initial;
    }

    Subscription subscribe(Consumer<T> listener) {
        listeners.add(listener);
        listener.accept(current);
        return () -> listeners.remove(listener);
    }

    void publish(T value) {
        current = value;
        listeners.forEach(l -> l.accept(value));
    }

    int subscribers() {
        return listeners.size();
    }
}

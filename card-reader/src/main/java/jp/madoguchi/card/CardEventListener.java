package jp.madoguchi.card;

/**
 * Receives {@link CardEvent}s on the card layer's single event thread, in order. An exception thrown
 * here is logged and the other listeners still get the event. Do not block: hand long work elsewhere.
 */
@FunctionalInterface
public interface CardEventListener {
    void onEvent(CardEvent event);
}

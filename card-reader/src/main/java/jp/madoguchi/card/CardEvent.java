package jp.madoguchi.card;

import java.time.Instant;

/**
 * What the card thread saw. Within one poll the events come in this fixed order: {@link Kind#SERVICE_RESTORED},
 * {@link Kind#READER_ATTACHED}, {@link Kind#CARD_INSERTED}, {@link Kind#STATE_CHANGED}, {@link Kind#CARD_REMOVED},
 * {@link Kind#READER_DETACHED}, {@link Kind#SERVICE_LOST}; a card is always inserted after its reader
 * was attached and removed before its reader is detached.
 *
 * @param reader the reader's name, or null for the service events
 * @param state  the reader's state after the event
 */
public record CardEvent(Kind kind, String reader, ReaderState state, Instant at) {

    public enum Kind {
        SERVICE_RESTORED, READER_ATTACHED, CARD_INSERTED, STATE_CHANGED, CARD_REMOVED, READER_DETACHED, SERVICE_LOST
    }
}

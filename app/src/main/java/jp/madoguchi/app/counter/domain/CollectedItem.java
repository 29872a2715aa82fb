package jp.madoguchi.app.counter.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One item recorded at delivery or at a later collection (counter-rules §2.0 items, PR-18, PR-58).
 * Collected cards are kept for destruction and never handed back.
 *
 * @param kind               which item
 * @param disposition        collected, declared lost, or not held
 * @param itemSerial         the collected card's serial, where it has one
 * @param signedDeclaration  a signed loss declaration (required for DECLARED_LOST)
 */
public record CollectedItem(Kind kind, Disposition disposition, Optional<String> itemSerial, boolean signedDeclaration) {

    public enum Kind {
        /** 交付通知書. */
        DELIVERY_NOTICE,
        /** 通知カード (abolished 2020-05-25, still collected). */
        NOTIFICATION_CARD,
        /** 住基カード. */
        JUKI_CARD,
        /** The previous マイナンバーカード. */
        PREVIOUS_MY_NUMBER_CARD;

        /** Whether collecting it sends an {@code OLD_CARD_COLLECTED} record (the cards, not the notice). */
        public boolean isCard() {
            return this != DELIVERY_NOTICE;
        }
    }

    public enum Disposition {
        COLLECTED, DECLARED_LOST, NOT_HELD
    }

    public CollectedItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(itemSerial, "itemSerial");
        if (disposition == Disposition.DECLARED_LOST && !signedDeclaration) {
            throw new IllegalArgumentException("DECLARED_LOST needs a signed declaration (PR-18)");
        }
        if (disposition != Disposition.COLLECTED && itemSerial.isPresent()) {
            throw new IllegalArgumentException("only a collected item has a serial on record");
        }
    }
}

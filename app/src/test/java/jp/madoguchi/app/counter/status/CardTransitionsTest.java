package jp.madoguchi.app.counter.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.Fixtures;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.CardRevocationReason;
import jp.madoguchi.app.counter.domain.CardStatus;
import jp.madoguchi.app.counter.status.CardTransitions.Event;
import jp.madoguchi.app.counter.status.CardTransitions.Target;
import org.junit.jupiter.api.Test;

class CardTransitionsTest {

    /** counter-rules §4.2, one line per arrow (REVOKED:reason for revocations). */
    private static final String ROWS = """
            ISSUED    DELIVERY_COMPLETED           ACTIVE
            ISSUED    UNCLAIMED_DESTROYED          REVOKED:UNCLAIMED
            ACTIVE    SUSPENDED_BY_LOSS_CALL       SUSPENDED
            SUSPENDED SUSPENSION_LIFTED            ACTIVE
            ACTIVE    LOSS_REPORTED                REVOKED:LOST
            SUSPENDED LOSS_REPORTED                REVOKED:LOST
            ACTIVE    CARD_RETURNED                REVOKED:RETURNED
            SUSPENDED CARD_RETURNED                REVOKED:RETURNED
            ACTIVE    REPLACED                     REVOKED:REPLACED
            ACTIVE    EXPIRY_REACHED               REVOKED:EXPIRED
            SUSPENDED EXPIRY_REACHED               REVOKED:EXPIRED
            ACTIVE    CONTINUED_USE_MISSED         REVOKED:CONTINUED_USE_MISSED
            SUSPENDED CONTINUED_USE_MISSED         REVOKED:CONTINUED_USE_MISSED
            ACTIVE    SPECIAL_MOVE_OUT_LAPSED      REVOKED:SPECIAL_MOVE_OUT_LAPSED
            SUSPENDED SPECIAL_MOVE_OUT_LAPSED      REVOKED:SPECIAL_MOVE_OUT_LAPSED
            ACTIVE    EMIGRATED_WITHOUT_CONVERSION REVOKED:EMIGRATED_WITHOUT_CONVERSION
            SUSPENDED EMIGRATED_WITHOUT_CONVERSION REVOKED:EMIGRATED_WITHOUT_CONVERSION
            ACTIVE    NUMBER_CHANGED               REVOKED:NUMBER_CHANGED
            SUSPENDED NUMBER_CHANGED               REVOKED:NUMBER_CHANGED
            ACTIVE    DEATH                        REVOKED:DEATH
            SUSPENDED DEATH                        REVOKED:DEATH
            ACTIVE    CARD_ANNOTATED               ACTIVE
            ACTIVE    CONTINUED_USE_REGISTERED     ACTIVE
            ACTIVE    VALIDITY_EXTENDED            ACTIVE
            ACTIVE    OVERSEAS_CONVERTED           ACTIVE
            ACTIVE    FACE_AUTH_SWITCHED           ACTIVE
            """;

    @Test
    void every_pair_is_allowed_exactly_as_the_page_lists() {
        Map<String, Target> expected = new LinkedHashMap<>();
        ROWS.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> {
            String[] p = l.split("\\s+");
            String[] to = p[2].split(":");
            expected.put(p[0] + "×" + p[1], new Target(CardStatus.valueOf(to[0]),
                    to.length > 1 ? Optional.of(CardRevocationReason.valueOf(to[1])) : Optional.empty()));
        });
        int pairs = TableAssert.assertEveryPair(CardTransitions.TABLE, CardStatus.class, Event.class, expected, Set.of(CardStatus.REVOKED));
        assertThat(pairs).isEqualTo(CardStatus.values().length * Event.values().length);
        assertThat(CardTransitions.TABLE.create(Event.CARD_SHIPPED)).contains(new Target(CardStatus.ISSUED, Optional.empty()));
        assertThat(CardTransitions.TABLE.create(Event.DELIVERY_COMPLETED)).isEmpty();
    }

    @Test
    void apply_moves_the_record_and_its_version() {
        Card issued = Fixtures.card(CardStatus.ISSUED, LocalDate.of(2035, 5, 5));
        Card active = CardTransitions.apply(issued, Event.DELIVERY_COMPLETED, 2);
        assertThat(active.status()).isEqualTo(CardStatus.ACTIVE);
        assertThat(active.statusVersion()).isEqualTo(2);
        Card lost = CardTransitions.apply(active, Event.LOSS_REPORTED, 3);
        assertThat(lost.revocationReason()).contains(CardRevocationReason.LOST);
        // a found card is not revived: REVOKED stays, whatever arrives
        assertThat(CardTransitions.apply(lost, Event.SUSPENSION_LIFTED, 4)).isSameAs(lost);
        assertThatThrownBy(() -> CardTransitions.apply(issued, Event.SUSPENSION_LIFTED, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ISSUED × SUSPENSION_LIFTED");
    }
}

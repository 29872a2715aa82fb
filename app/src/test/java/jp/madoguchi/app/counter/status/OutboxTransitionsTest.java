package jp.madoguchi.app.counter.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import jp.madoguchi.app.counter.domain.OutboxState;
import jp.madoguchi.app.counter.status.OutboxTransitions.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutboxTransitionsTest {

    @Test
    void every_pair_is_allowed_exactly_as_listed() {
        Map<String, OutboxState> expected = Map.of(
                "PENDING×SEND", OutboxState.IN_FLIGHT,
                "IN_FLIGHT×APPLIED", OutboxState.ACKED,
                "IN_FLIGHT×DUPLICATE", OutboxState.ACKED,
                "IN_FLIGHT×APPLIED_WITH_CONFLICT", OutboxState.CONFLICT,
                "IN_FLIGHT×REJECTED_BY_CENTRAL", OutboxState.REJECTED,
                "IN_FLIGHT×NO_ANSWER", OutboxState.PENDING);
        int pairs = TableAssert.assertEveryPair(OutboxTransitions.TABLE, OutboxState.class, Event.class, expected, Set.of());
        assertThat(pairs).isEqualTo(OutboxState.values().length * Event.values().length);
    }

    @ParameterizedTest(name = "{0} shows 未送信: {1}")
    @CsvSource({"PENDING, true", "IN_FLIGHT, true", "ACKED, false", "CONFLICT, true", "REJECTED, true"})
    void not_sent_until_acked_pr52(OutboxState state, boolean notSent) {
        assertThat(state.showsNotSent()).isEqualTo(notSent);
    }
}

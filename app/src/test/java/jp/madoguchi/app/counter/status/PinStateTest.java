package jp.madoguchi.app.counter.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.status.PinState.Event;
import jp.madoguchi.app.counter.status.PinState.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PinStateTest {

    /** counter-rules §4.4 for every PIN type, every reachable state and every event. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(PinType.class)
    void every_state_and_event(PinType type) {
        int max = type.maxTries();
        for (int n = 1; n <= max; n++) {
            PinState ok = new PinState(type, Status.OK, n);
            assertThat(ok.next(Event.WRONG_ENTRY)).contains(n > 1 ? new PinState(type, Status.OK, n - 1) : new PinState(type, Status.BLOCKED, 0));
            assertThat(ok.next(Event.CORRECT_ENTRY)).contains(PinState.full(type));
            assertThat(ok.next(Event.PIN_RESET)).contains(PinState.full(type));
            assertThat(ok.next(Event.PIN_SET)).isEmpty();
        }
        PinState blocked = new PinState(type, Status.BLOCKED, 0);
        assertThat(blocked.next(Event.WRONG_ENTRY)).isEmpty();
        assertThat(blocked.next(Event.CORRECT_ENTRY)).isEmpty();
        assertThat(blocked.next(Event.PIN_SET)).isEmpty();
        assertThat(blocked.next(Event.PIN_RESET)).contains(PinState.full(type));
        PinState notSet = new PinState(type, Status.NOT_SET, 0);
        assertThat(notSet.next(Event.WRONG_ENTRY)).isEmpty();
        assertThat(notSet.next(Event.CORRECT_ENTRY)).isEmpty();
        assertThat(notSet.next(Event.PIN_RESET)).isEmpty();
        assertThat(notSet.next(Event.PIN_SET)).contains(PinState.full(type));
    }

    @ParameterizedTest(name = "{0}: {1} wrong entries from full lock it")
    @CsvSource({"SIGN, 5", "AUTH, 3", "JUKI, 3", "CARD_TEXT, 3"})
    void try_limits_n3(PinType type, int tries) {
        PinState state = PinState.full(type);
        for (int i = 1; i < tries; i++) {
            state = state.next(Event.WRONG_ENTRY).orElseThrow();
            assertThat(state.status()).isEqualTo(Status.OK);
        }
        assertThat(state.next(Event.WRONG_ENTRY)).map(PinState::status).contains(Status.BLOCKED);
        // a correct entry before the lock restores the full count; time never does
        assertThat(state.next(Event.CORRECT_ENTRY)).map(PinState::triesLeft).isEqualTo(Optional.of(tries));
    }

    @ParameterizedTest(name = "invalid {0} {1} {2}")
    @CsvSource({"AUTH, OK, 0", "AUTH, OK, 4", "SIGN, OK, 6", "SIGN, BLOCKED, 1", "JUKI, NOT_SET, 3"})
    void inconsistent_states_are_refused(PinType type, Status status, int tries) {
        assertThatThrownBy(() -> new PinState(type, status, tries)).isInstanceOf(IllegalArgumentException.class);
    }
}

package jp.madoguchi.app.counter.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

/** Checks a transition table against an expected table over every (state, event) pair. */
final class TableAssert {

    private TableAssert() {
    }

    /**
     * @param expected "STATE×EVENT" → target, exactly the rows the page lists
     * @param terminal the states on which every event stays
     * @return the number of pairs checked (so a test can show it covered the whole product)
     */
    static <F extends Enum<F>, E extends Enum<E>, T> int assertEveryPair(TransitionTable<F, E, T> table, Class<F> states,
                                                                        Class<E> events, Map<String, T> expected, Set<F> terminal) {
        int checked = 0;
        int moves = 0;
        for (F from : states.getEnumConstants()) {
            for (E event : events.getEnumConstants()) {
                TransitionTable.Step<T> step = table.step(from, event);
                String key = from.name() + "×" + event.name();
                if (terminal.contains(from)) {
                    assertThat(step.kind()).as(key).isEqualTo(TransitionTable.Kind.STAYS);
                } else if (expected.containsKey(key)) {
                    assertThat(step.kind()).as(key).isEqualTo(TransitionTable.Kind.MOVE);
                    assertThat(step.target()).as(key).contains(expected.get(key));
                    moves++;
                } else {
                    assertThat(step.kind()).as(key + " must be refused").isEqualTo(TransitionTable.Kind.REFUSED);
                }
                checked++;
            }
        }
        assertThat(moves).as("every expected row exists").isEqualTo(expected.size());
        return checked;
    }
}

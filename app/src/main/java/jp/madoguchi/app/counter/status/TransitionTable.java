package jp.madoguchi.app.counter.status;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A transition table: from-state × event → target, the events that create a record ("—" rows), and
 * the terminal states on which every event is answered "stays". Anything else is refused. Immutable
 * once built.
 *
 * @param <F> the from-state key
 * @param <E> the event
 * @param <T> the target (a state, or a state with a reason)
 */
public final class TransitionTable<F, E, T> {

    /** How a table answers one (state, event) pair. */
    public enum Kind {
        /** A listed row: the record moves to the target (which may equal the current state). */
        MOVE,
        /** The state is terminal: nothing changes, whatever the event (e.g. a revoked card). */
        STAYS,
        /** Not in the table. */
        REFUSED
    }

    /** The answer; {@code target} is present exactly for {@link Kind#MOVE}. */
    public record Step<T>(Kind kind, Optional<T> target) {
        public Step {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            if ((kind == Kind.MOVE) != target.isPresent()) {
                throw new IllegalArgumentException("a target goes with MOVE only");
            }
        }
    }

    private final Map<F, Map<E, T>> moves;
    private final Map<E, T> creations;
    private final Set<F> terminal;

    private TransitionTable(Map<F, Map<E, T>> moves, Map<E, T> creations, Set<F> terminal) {
        Map<F, Map<E, T>> copy = new HashMap<>();
        moves.forEach((f, m) -> copy.put(f, Map.copyOf(m)));
        this.moves = Collections.unmodifiableMap(copy);
        this.creations = Map.copyOf(creations);
        this.terminal = Set.copyOf(terminal);
    }

    public static <F, E, T> Builder<F, E, T> builder() {
        return new Builder<>();
    }

    /** The answer for {@code event} on a record in {@code from}. */
    public Step<T> step(F from, E event) {
        if (terminal.contains(from)) {
            return new Step<>(Kind.STAYS, Optional.empty());
        }
        T target = moves.getOrDefault(from, Map.of()).get(event);
        return target == null ? new Step<>(Kind.REFUSED, Optional.empty()) : new Step<>(Kind.MOVE, Optional.of(target));
    }

    /** The state a new record gets from {@code event}, or empty if the event does not create one. */
    public Optional<T> create(E event) {
        return Optional.ofNullable(creations.get(event));
    }

    public boolean isTerminal(F state) {
        return terminal.contains(state);
    }

    /** Builds a table row by row; a duplicate row is a mistake in the table and fails the build. */
    public static final class Builder<F, E, T> {
        private final Map<F, Map<E, T>> moves = new HashMap<>();
        private final Map<E, T> creations = new HashMap<>();
        private final Set<F> terminal = new HashSet<>();

        private Builder() {
        }

        public Builder<F, E, T> row(F from, E event, T to) {
            if (moves.computeIfAbsent(from, k -> new HashMap<>()).putIfAbsent(event, to) != null) {
                throw new IllegalStateException("duplicate row " + from + " × " + event);
            }
            return this;
        }

        public Builder<F, E, T> creates(E event, T to) {
            if (creations.putIfAbsent(event, to) != null) {
                throw new IllegalStateException("duplicate creation by " + event);
            }
            return this;
        }

        public Builder<F, E, T> terminal(F state) {
            terminal.add(state);
            return this;
        }

        public TransitionTable<F, E, T> build() {
            return new TransitionTable<>(moves, creations, terminal);
        }
    }
}

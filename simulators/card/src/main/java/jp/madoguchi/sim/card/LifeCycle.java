package jp.madoguchi.sim.card;

/** Card life cycle (card-spec.md §7.9); GET DATA 0102 answers {@link #code}. */
public enum LifeCycle {
    TRANSPORT(1), OPERATIONAL(2);

    final int code;

    LifeCycle(int code) {
        this.code = code;
    }
}

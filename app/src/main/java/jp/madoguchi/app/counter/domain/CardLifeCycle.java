package jp.madoguchi.app.counter.domain;

/** The chip's own life cycle (card-spec §7.9): TRANSPORT until delivery, then OPERATIONAL for good. */
public enum CardLifeCycle {
    TRANSPORT, OPERATIONAL
}

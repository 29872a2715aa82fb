package jp.madoguchi.card;

/**
 * One holder PIN's state as the retry query shows it, without spending a try (card-spec §2.5).
 *
 * @param remaining tries left; 0 when blocked or not set
 */
public record PinStatus(PinKind pin, State state, int remaining) {

    public enum State {
        /** Usable; {@code remaining} tries left. */
        AVAILABLE,
        /** Already verified in this session (some real cards answer 9000 to the query). */
        VERIFIED,
        /** No tries left: needs a PIN reset at the counter. */
        BLOCKED,
        /** Never set (TRANSPORT card, or sign password without a sign certificate). */
        NOT_SET
    }
}

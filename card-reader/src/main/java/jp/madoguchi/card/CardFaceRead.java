package jp.madoguchi.card;

import java.util.Map;
import java.util.Optional;
import jp.madoguchi.common.MadoguchiException;

/**
 * The typed outcome of opening the card face with 照合番号A or B ({@link CardConnection#readCardFace}).
 * A wrong key is an outcome with the tries left, never an exception; so are a locked key and a card
 * whose card face does not open yet (TRANSPORT: every VERIFY answers 6984, card-spec §2.5).
 *
 * @param remaining tries left for this key after the call (0 when locked or not open)
 * @param face      the parsed card face when {@code result} is OK (check {@link CardFace#verified()})
 * @param apduCount APDUs the call sent (diagnostics and tests)
 */
public record CardFaceRead(FaceKey.Kind key, Result result, int remaining, Optional<CardFace> face, int apduCount) {

    public enum Result {
        /** The key matched; {@link #face()} holds the card face. */
        OK,
        /** The key did not match; {@link #remaining()} tries are left. */
        WRONG,
        /** No try is left for this key: nothing was sent but the retry query. */
        BLOCKED,
        /** The card is not delivered yet (TRANSPORT): its card face does not open. */
        NOT_OPEN
    }

    public boolean ok() {
        return result == Result.OK;
    }

    /**
     * The coded failure to show: MDG-READER-021 (wrong, with tries left), 022 (locked), 024 (not
     * delivered), or 020 when the face was read but its signature does not verify.
     */
    public Optional<MadoguchiException> failure() {
        return switch (result) {
            case OK -> face.filter(f -> !f.verified())
                    .map(f -> new CardAccessException(ReaderFailure.FACE_SIGNATURE_INVALID, Map.of(), null));
            case WRONG -> Optional.of(new CardAccessException(ReaderFailure.FACE_KEY_WRONG,
                    Map.of("key", key, "n", remaining), null));
            case BLOCKED -> Optional.of(new CardAccessException(ReaderFailure.FACE_KEY_LOCKED, Map.of("key", key), null));
            case NOT_OPEN -> Optional.of(new CardAccessException(ReaderFailure.FACE_NOT_OPEN, Map.of(), null));
        };
    }
}

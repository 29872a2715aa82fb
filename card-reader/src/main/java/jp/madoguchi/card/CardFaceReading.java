package jp.madoguchi.card;

import java.util.Arrays;
import java.util.Optional;
import javax.smartcardio.ResponseAPDU;
import jp.madoguchi.card.CardFaceRead.Result;
import jp.madoguchi.card.codec.Apdus;

/**
 * The APDUs of one card-face read (card-spec §2.5, §2.8), inside the caller's exclusive session:
 * SELECT 券面AP, the retry query of the key (spends no try), VERIFY only when a try is left, then READ
 * BINARY of EF 0002 by SFI in 256-byte chunks. A 6984 asks the life cycle (SELECT JPKI, GET DATA) to
 * tell a not-yet-delivered card from a locked key. Card thread only.
 */
final class CardFaceReading {

    /** Tries of every 券面AP key on the emulated card [P]; real cards reportedly 10 as well [A]. */
    private static final int MAX_TRIES = 10;

    private CardFaceReading() {
    }

    static CardFaceRead read(CardSession s, FaceKey key) {
        FaceKey.Kind kind = key.kind();
        s.select(CardApplication.FACE);
        int query = s.transmit(Apdus.verifyQuery(kind.p2()), "VERIFY? card face " + kind).getSW();
        if (query == 0x6984 || query == 0x6983 || query == 0x63C0) {
            return refused(s, kind, query);
        }
        if ((query & 0xFFF0) != 0x63C0 && query != 0x9000) {
            throw StatusWords.exception(query, "VERIFY? card face " + kind);
        }
        byte[] bytes = key.bytes();
        ResponseAPDU r;
        try {
            r = s.transmit(Apdus.verify(kind.p2(), bytes), "VERIFY card face " + kind, true);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        int sw = r.getSW();
        if (sw != 0x9000 || query != (0x63C0 | MAX_TRIES)) {
            s.changed();
        }
        if ((sw & 0xFFF0) == 0x63C0) {
            int left = sw & 0x0F;
            return new CardFaceRead(kind, left == 0 ? Result.BLOCKED : Result.WRONG, left, Optional.empty(), s.apduCount());
        }
        if (sw == 0x6984 || sw == 0x6983) {
            return new CardFaceRead(kind, Result.BLOCKED, 0, Optional.empty(), s.apduCount());
        }
        if (sw != 0x9000) {
            throw StatusWords.exception(sw, "VERIFY card face " + kind);
        }
        CardFace face = CardFace.parse(s.readTlvEf(0x02, "card face"));
        return new CardFaceRead(kind, Result.OK, MAX_TRIES, Optional.of(face), s.apduCount());
    }

    private static CardFaceRead refused(CardSession s, FaceKey.Kind kind, int query) {
        if (query == 0x6984) {
            s.select(CardApplication.JPKI);
            ResponseAPDU lc = s.transmit(Apdus.getLifeCycle(), "GET DATA life cycle");
            if (lc.getSW() == 0x9000 && lc.getData().length == 1 && lc.getData()[0] == 1) {
                return new CardFaceRead(kind, Result.NOT_OPEN, 0, Optional.empty(), s.apduCount());
            }
        }
        return new CardFaceRead(kind, Result.BLOCKED, 0, Optional.empty(), s.apduCount());
    }
}

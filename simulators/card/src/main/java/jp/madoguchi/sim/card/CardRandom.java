package jp.madoguchi.sim.card;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;

/**
 * The card's randomness: challenges and generated keys. {@link #secure()} for normal use;
 * {@link #deterministic(long)} makes a run replayable (card-spec.md §7.2): every challenge is then the
 * byte sequence A0 A1 A2 … (the §7.10 transcripts' Nc) and keys come from a SHA1PRNG seeded with the
 * seed. Thread safety: used under the card's lock.
 */
public final class CardRandom {
    private final SecureRandom rng;
    private final boolean deterministic;

    private CardRandom(SecureRandom rng, boolean deterministic) {
        this.rng = rng;
        this.deterministic = deterministic;
    }

    public static CardRandom secure() {
        return new CardRandom(new SecureRandom(), false);
    }

    public static CardRandom deterministic(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return new CardRandom(r, true);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is missing from this JDK", e);
        }
    }

    byte[] challenge(int length) {
        byte[] b = new byte[length];
        if (deterministic) {
            for (int i = 0; i < length; i++) {
                b[i] = (byte) (0xA0 + i);
            }
        } else {
            rng.nextBytes(b);
        }
        return b;
    }

    RSAPrivateCrtKey rsaKey() {
        return Card.newRsaKey(rng);
    }
}

package jp.madoguchi.sim.card;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC (RFC 4493) over the JDK's AES block cipher: JDK 17 has no CMAC {@code Mac}. The card's own
 * implementation, independent of card-reader's (card-spec.md §7.1). Stateless and thread-safe.
 */
public final class Cmac {
    private static final int BLOCK = 16;

    private Cmac() {
    }

    public static byte[] compute(byte[] key, byte[] message) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] l = aes.doFinal(new byte[BLOCK]);
            byte[] k1 = doubled(l);
            byte[] k2 = doubled(k1);
            int blocks = Math.max(1, (message.length + BLOCK - 1) / BLOCK);
            boolean complete = message.length > 0 && message.length % BLOCK == 0;
            byte[] last = new byte[BLOCK];
            int lastStart = (blocks - 1) * BLOCK;
            if (complete) {
                for (int i = 0; i < BLOCK; i++) {
                    last[i] = (byte) (message[lastStart + i] ^ k1[i]);
                }
            } else {
                int rest = message.length - lastStart;
                System.arraycopy(message, lastStart, last, 0, rest);
                last[rest] = (byte) 0x80;
                for (int i = 0; i < BLOCK; i++) {
                    last[i] ^= k2[i];
                }
            }
            byte[] x = new byte[BLOCK];
            byte[] y = new byte[BLOCK];
            for (int b = 0; b < blocks - 1; b++) {
                for (int i = 0; i < BLOCK; i++) {
                    y[i] = (byte) (x[i] ^ message[b * BLOCK + i]);
                }
                x = aes.doFinal(y);
            }
            for (int i = 0; i < BLOCK; i++) {
                y[i] = (byte) (x[i] ^ last[i]);
            }
            return aes.doFinal(y);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is missing from this JDK", e);
        }
    }

    private static byte[] doubled(byte[] in) {
        byte[] out = new byte[BLOCK];
        int carry = 0;
        for (int i = BLOCK - 1; i >= 0; i--) {
            int v = (in[i] & 0xFF) << 1 | carry;
            out[i] = (byte) v;
            carry = (in[i] & 0x80) != 0 ? 1 : 0;
        }
        if ((in[0] & 0x80) != 0) {
            out[BLOCK - 1] ^= (byte) 0x87;
        }
        return out;
    }
}

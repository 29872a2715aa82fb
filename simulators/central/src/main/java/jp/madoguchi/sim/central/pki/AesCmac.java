package jp.madoguchi.sim.central.pki;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC (RFC 4493 / NIST SP 800-38B), which JDK 17 lacks. The card factory uses it to diversify
 * each card's administration key from K_issuer: K_card = AES-CMAC(K_issuer, SN) (card-spec §7.1).
 * Stateless; thread-safe.
 */
public final class AesCmac {

    private AesCmac() {
    }

    public static byte[] mac(byte[] key, byte[] message) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] k1 = doubled(aes.doFinal(new byte[16]));
            byte[] k2 = doubled(k1);
            int blocks = Math.max(1, (message.length + 15) / 16);
            boolean complete = message.length > 0 && message.length % 16 == 0;
            byte[] last = new byte[16];
            int lastStart = (blocks - 1) * 16;
            if (complete) {
                for (int i = 0; i < 16; i++) {
                    last[i] = (byte) (message[lastStart + i] ^ k1[i]);
                }
            } else {
                int rest = message.length - lastStart;
                System.arraycopy(message, lastStart, last, 0, rest);
                last[rest] = (byte) 0x80;
                for (int i = 0; i < 16; i++) {
                    last[i] ^= k2[i];
                }
            }
            byte[] x = new byte[16];
            for (int b = 0; b < blocks - 1; b++) {
                for (int i = 0; i < 16; i++) {
                    x[i] ^= message[b * 16 + i];
                }
                x = aes.doFinal(x);
            }
            for (int i = 0; i < 16; i++) {
                x[i] ^= last[i];
            }
            return aes.doFinal(x);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    /** The RFC 4493 subkey step: shift left by one bit, xor 0x87 into the last byte on carry. */
    private static byte[] doubled(byte[] in) {
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) ((in[i] << 1) | (i < 15 ? (in[i + 1] & 0xFF) >>> 7 : 0));
        }
        if ((in[0] & 0x80) != 0) {
            out[15] ^= (byte) 0x87;
        }
        return out;
    }
}

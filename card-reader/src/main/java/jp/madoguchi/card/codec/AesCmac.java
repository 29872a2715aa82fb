package jp.madoguchi.card.codec;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC per RFC 4493 over the JDK's AES/ECB/NoPadding (JDK 17 has no CMAC {@code Mac}); used for
 * K_card diversification and the EXTERNAL AUTHENTICATE MACs of card-spec §7.1/§7.4. Not thread-safe
 * per instance; create one per use.
 */
public final class AesCmac {

    private final Cipher aes;
    private final byte[] k1;
    private final byte[] k2;

    public AesCmac(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("AES-128 key must be 16 bytes");
        }
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] l = aes.doFinal(new byte[16]);
            k1 = shiftXor(l);
            k2 = shiftXor(k1);
            Arrays.fill(l, (byte) 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }

    /** CMAC of the concatenation of {@code parts}. */
    public static byte[] mac(byte[] key, byte[]... parts) {
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        byte[] message = new byte[total];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, message, pos, p.length);
            pos += p.length;
        }
        return new AesCmac(key).mac(message);
    }

    public byte[] mac(byte[] message) {
        int blocks = (message.length + 15) / 16;
        boolean complete = blocks > 0 && message.length % 16 == 0;
        if (blocks == 0) {
            blocks = 1;
        }
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
        try {
            byte[] x = new byte[16];
            byte[] y = new byte[16];
            for (int b = 0; b < blocks - 1; b++) {
                for (int i = 0; i < 16; i++) {
                    y[i] = (byte) (x[i] ^ message[b * 16 + i]);
                }
                x = aes.doFinal(y);
            }
            for (int i = 0; i < 16; i++) {
                y[i] = (byte) (x[i] ^ last[i]);
            }
            return aes.doFinal(y);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES block encryption failed", e);
        }
    }

    private static byte[] shiftXor(byte[] in) {
        byte[] out = new byte[16];
        int carry = 0;
        for (int i = 15; i >= 0; i--) {
            int v = in[i] & 0xFF;
            out[i] = (byte) ((v << 1) | carry);
            carry = v >>> 7;
        }
        if ((in[0] & 0x80) != 0) {
            out[15] ^= (byte) 0x87;
        }
        return out;
    }
}

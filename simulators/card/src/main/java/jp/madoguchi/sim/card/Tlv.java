package jp.madoguchi.sim.card;

import java.io.ByteArrayOutputStream;

/** BER-TLV encoding with minimal lengths (card-spec.md §2.7: emulator profiles use minimal lengths). */
final class Tlv {
    private Tlv() {
    }

    /** tag is 1 or 2 bytes, given as an int (e.g. 0xDF22, 0x7F49, 0x81). */
    static byte[] of(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag & 0xFF);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n <= 0xFF) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xFF);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** RSA public key as the card writes it: {@code 90 03 01 00 01 91 82 01 00 <modulus 256>}. */
    static byte[] rsaPublic(java.security.interfaces.RSAPublicKey key) {
        return concat(of(0x90, unsigned(key.getPublicExponent(), 3)), of(0x91, unsigned(key.getModulus(), 256)));
    }

    /** Big-endian unsigned, left-padded with zeros to exactly {@code length} bytes. */
    static byte[] unsigned(java.math.BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int skip = raw.length > length ? raw.length - length : 0;
        System.arraycopy(raw, skip, out, length - (raw.length - skip), raw.length - skip);
        return out;
    }
}

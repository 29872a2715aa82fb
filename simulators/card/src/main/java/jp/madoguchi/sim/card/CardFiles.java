package jp.madoguchi.sim.card;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds the bytes of every data EF from a profile (card-spec.md §2.6–§2.9). The JPKI certificate EFs
 * and EF 0008 are read from the profile each time (ACTIVATE changes them); the others are derived
 * once. Not thread-safe: used under the card's lock.
 */
final class CardFiles {
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final byte[] DIGEST_INFO_SHA256 = Hex.parse("3031300D060960864801650304020105000420");

    private final CardProfile profile;
    private byte[] textEf1;
    private byte[] textEf2;
    private byte[] textEf3;
    private byte[] textCv;
    private byte[] textInfo;
    private byte[] faceAge;
    private byte[] faceCard;
    private byte[] faceInfo;
    private byte[] faceCv;
    private byte[] faceNumber;
    private byte[] commonRecord;

    CardFiles(CardProfile profile) {
        this.profile = profile;
    }

    /** Content of a DATA or RECORD EF; an empty array for an absent certificate. */
    byte[] content(ElementaryFile ef) {
        switch (ef.application()) {
            case JPKI:
                return jpki(ef.fid());
            case TEXT:
                derive();
                switch (ef.fid()) {
                    case 1: return textEf1;
                    case 2: return textEf2;
                    case 3: return textEf3;
                    case 4: return textCv;
                    default: return textInfo;
                }
            case FACE:
                derive();
                switch (ef.fid()) {
                    case 1: return faceAge;
                    case 2: return faceCard;
                    case 3: return faceInfo;
                    case 4: return faceCv;
                    default: return faceNumber;
                }
            case COMMON:
                if (ef.fid() == 1) {
                    // Built once: formatting the date each time was most of a READ RECORD's service time.
                    if (commonRecord == null) {
                        commonRecord = Tlv.concat(new byte[] {0x01, 0x1C}, ascii(profile.cardSerial
                                + profile.municipalityCode + profile.expiryDate.format(YYYYMMDD)));
                    }
                    return commonRecord;
                }
                return keyReference("COMMON");
            default:
                return keyReference("JUKI");
        }
    }

    private byte[] jpki(int fid) {
        switch (fid) {
            case 0x01: return orEmpty(profile.signCertificate);
            case 0x02: return profile.signCaCertificate;
            case 0x0A: return orEmpty(profile.authCertificate);
            case 0x0B: return profile.authCaCertificate;
            case 0x08:
                return new byte[] {(byte) (profile.signCertificate != null ? 0x8F : 0),
                    (byte) (profile.authCertificate != null ? 0x8F : 0), 0};
            default: return tokenInfo();
        }
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    /** 16-byte key reference of the 住基/共通 EF 0002: opaque, derived from the AP name and the SN. */
    private byte[] keyReference(String ap) {
        return Arrays.copyOf(sha256(Tlv.concat(ascii(ap), profile.chipSerialNumber)), 16);
    }

    /** PKCS#11 CK_TOKEN_INFO, 160 bytes, 32-bit big-endian ulongs (card-spec.md §2.6). */
    private byte[] tokenInfo() {
        byte[] b = new byte[160];
        Arrays.fill(b, 0, 96, (byte) ' ');
        put(b, 0, "JPKIAPICCTOKEN2");
        put(b, 32, "Madoguchi emulated card");
        put(b, 64, "MadoguchiSim");
        put(b, 80, profile.cardSerial);
        int[] ulongs = {0x0000040D, 1, 0, 1, 0, 16, 6, -1, -1, -1, -1};
        for (int i = 0; i < ulongs.length; i++) {
            int v = ulongs[i];
            int at = 96 + i * 4;
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        }
        put(b, 140, "03");
        put(b, 142, "01");
        Arrays.fill(b, 144, 160, (byte) ' ');
        return b;
    }

    private static void put(byte[] b, int at, String s) {
        byte[] a = ascii(s);
        System.arraycopy(a, 0, b, at, Math.min(a.length, 32));
    }

    private void derive() {
        if (textEf1 != null) {
            return;
        }
        byte[] ff10 = {(byte) 0xFF, 0x10};
        textEf1 = Tlv.concat(ff10, new byte[] {0x0C}, ascii(profile.myNumber), new byte[] {(byte) 0xFF, (byte) 0xFF});
        textEf2 = basicInfo();
        byte[] h1 = Tlv.of(0xDF31, sha256(textEf1));
        int header = (textEf2[2] & 0xFF) < 0x80 ? 3 : (textEf2[2] & 0xFF) == 0x81 ? 4 : 5;
        int first = (textEf2[header + 3] & 0xFF) << 8 | textEf2[header + 4] & 0xFF;
        byte[] basicFrom22 = Arrays.copyOfRange(textEf2, first, textEf2.length);
        byte[] h2 = Tlv.of(0xDF32, sha256(basicFrom22));
        byte[] signed = Tlv.concat(h1, h2);
        textEf3 = outer(0xFF30, Tlv.concat(signed, Tlv.of(0xDF33, sign(profile.textApKey, signed))));
        textCv = cvCertificate(profile.textApKey, "9000001");
        textInfo = outer(0xFF40, Tlv.concat(Tlv.of(0xDF41, Hex.parse("01030E01")), Tlv.of(0xDF42, keyId("9000001")),
                Tlv.of(0xDF43, apOpaque())));

        RSAPublicKey facePub = publicOf(profile.faceApKey);
        byte[] age = Tlv.concat(Tlv.of(0xDF11, ascii(profile.birthDate.format(YYYYMMDD))),
                Tlv.of(0xDF12, Tlv.rsaPublic(facePub)));
        faceAge = outer(0xFF10, Tlv.concat(age, Tlv.of(0xDF13, sign(profile.faceApKey, age))));
        faceCard = cardFace(facePub);
        faceInfo = outer(0xFF30, Tlv.concat(Tlv.of(0xDF31, Hex.parse("06030E01")), Tlv.of(0xDF32, keyId("9000002")),
                Tlv.of(0xDF33, new byte[] {0x01}), Tlv.of(0xDF34, ascii(profile.municipalityCode)),
                Tlv.of(0xDF35, new byte[0])));
        faceCv = cvCertificate(profile.faceApKey, "9000002");
        byte[] number = Tlv.concat(Tlv.of(0xDF41, Png.text(profile.myNumber)), Tlv.of(0xDF42, Tlv.rsaPublic(facePub)));
        faceNumber = outer(0xFF40, Tlv.concat(number, Tlv.of(0xDF43, sign(profile.faceApKey, number))));
    }

    /** 入力補助 EF 0002 (card-spec.md §2.7, vector §9.3). */
    private byte[] basicInfo() {
        byte[] name = Tlv.of(0xDF22, profile.name.getBytes(StandardCharsets.UTF_8));
        byte[] address = Tlv.of(0xDF23, profile.address.getBytes(StandardCharsets.UTF_8));
        byte[] birth = Tlv.of(0xDF24, ascii(profile.birthDate.format(YYYYMMDD)));
        byte[] sex = Tlv.of(0xDF25, ascii(Integer.toString(profile.sex)));
        int bodyLength = 11 + name.length + address.length + birth.length + sex.length;
        int header = bodyLength < 0x80 ? 3 : bodyLength <= 0xFF ? 4 : 5;
        int o1 = header + 11;
        int o2 = o1 + name.length;
        int o3 = o2 + address.length;
        int o4 = o3 + birth.length;
        byte[] offsets = {(byte) (o1 >> 8), (byte) o1, (byte) (o2 >> 8), (byte) o2, (byte) (o3 >> 8), (byte) o3,
            (byte) (o4 >> 8), (byte) o4};
        return outer(0xFF20, Tlv.concat(Tlv.of(0xDF21, offsets), name, address, birth, sex));
    }

    /** 券面AP EF 0002 (card-spec.md §2.8): DF21 holds u16 offsets of DF22…DF2A. */
    private byte[] cardFace(RSAPublicKey facePub) {
        byte[][] tlvs = {
            Tlv.of(0xDF22, ascii(profile.birthDate.format(YYYYMMDD))),
            Tlv.of(0xDF23, ascii(Integer.toString(profile.sex))),
            Tlv.of(0xDF24, Tlv.rsaPublic(facePub)),
            Tlv.of(0xDF25, Png.text(profile.name)),
            Tlv.of(0xDF26, Png.text(profile.address)),
            Tlv.of(0xDF27, Png.photo()),
            null,
            Tlv.of(0xDF29, ascii(profile.expiryDate.format(YYYYMMDD))),
            Tlv.of(0xDF2A, Png.text(profile.securityCode)),
        };
        byte[] hashes = Tlv.concat(sha256(Tlv.concat(tlvs[0], tlvs[1], tlvs[2])), sha256(Tlv.concat(tlvs[3], tlvs[4])),
                sha256(tlvs[5]));
        byte[] digestInfo = Tlv.concat(Hex.parse("3071300D060960864801650304020105000460"), hashes);
        tlvs[6] = Tlv.of(0xDF28, rawSign(profile.faceApKey, digestInfo));
        int body = 2 + 1 + tlvs.length * 2;
        for (byte[] t : tlvs) {
            body += t.length;
        }
        int header = body < 0x80 ? 3 : body <= 0xFF ? 4 : 5;
        byte[] offsets = new byte[tlvs.length * 2];
        int at = header + 3 + offsets.length;
        for (int i = 0; i < tlvs.length; i++) {
            offsets[2 * i] = (byte) (at >> 8);
            offsets[2 * i + 1] = (byte) at;
            at += tlvs[i].length;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(Tlv.of(0xDF21, offsets));
        for (byte[] t : tlvs) {
            content.writeBytes(t);
        }
        return outer(0xFF20, content.toByteArray());
    }

    /** CV certificate {@code 7F21 { 5F4E body(297), 5F37 sig(256) }}, self-issued by the AP key [P]. */
    private static byte[] cvCertificate(RSAPrivateCrtKey key, String id) {
        RSAPublicKey pub = publicOf(key);
        byte[] body = Tlv.concat(keyId(id), keyId(id), Tlv.rsaPublic(pub));
        byte[] bodyTlv = Tlv.of(0x5F4E, body);
        return Tlv.of(0x7F21, Tlv.concat(bodyTlv, Tlv.of(0x5F37, sign(key, body))));
    }

    /** Key ID shaped like {@code "NNNNNNN" 08 05 "NNN" 00 00 00 xx}, starting with 9 (card-spec.md §2.7). */
    private static byte[] keyId(String seven) {
        return Tlv.concat(ascii(seven), new byte[] {0x08, 0x05}, ascii("900"), new byte[] {0, 0, 0, 1});
    }

    private byte[] apOpaque() {
        byte[] v = new byte[128];
        System.arraycopy(sha256(Tlv.concat(ascii("AP"), profile.chipSerialNumber)), 0, v, 0, 32);
        Arrays.fill(v, 32, 128, (byte) 0xFF);
        return v;
    }

    private static byte[] outer(int tag, byte[] body) {
        return Tlv.of(tag, body);
    }

    static RSAPublicKey publicOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is missing from this JDK", e);
        }
    }

    static byte[] sign(RSAPrivateCrtKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA signing failed", e);
        }
    }

    /** PKCS#1 v1.5 block type 1 over the given DigestInfo, raw RSA (card-spec.md §3). */
    static byte[] rawSign(RSAPrivateCrtKey key, byte[] digestInfo) {
        try {
            javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(javax.crypto.Cipher.ENCRYPT_MODE, key);
            return rsa.doFinal(digestInfo);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA signing failed", e);
        }
    }

    static byte[] digestInfo(byte[] data) {
        return Tlv.concat(DIGEST_INFO_SHA256, sha256(data));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Synthetic images. The module may not use AWT (no fonts), so a "rendering" is a 1-bit image whose
     * rows spell the UTF-8 bytes of the text as pixels: a valid PNG, unique per text, not legible [P].
     */
    static final class Png {
        private Png() {
        }

        static byte[] text(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int width = 8 * Math.max(1, bytes.length);
            int height = 16;
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            for (int y = 0; y < height; y++) {
                raw.write(0);
                for (byte b : bytes) {
                    raw.write(y % 4 == 0 ? 0xFF : ~b & 0xFF);
                }
                if (bytes.length == 0) {
                    raw.write(0xFF);
                }
            }
            return encode(width, height, raw.toByteArray());
        }

        /**
         * The photo: a real, decodable JPEG 2000 (JP2) file of a synthetic face-like drawing, 300×400
         * greyscale, the same on every emulated card [P]. Made once with OpenJPEG's opj_compress
         * ({@code simulators/card/tools/draw-face-placeholder.py}); no real person.
         */
        static byte[] photo() {
            return PHOTO.clone();
        }

        private static final byte[] PHOTO = loadPhoto();

        private static byte[] loadPhoto() {
            try (java.io.InputStream in = CardFiles.class.getResourceAsStream("face-placeholder.jp2")) {
                if (in == null) {
                    throw new IllegalStateException("face-placeholder.jp2 is missing from the emulator's resources");
                }
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("face-placeholder.jp2 could not be read", e);
            }
        }

        private static byte[] encode(int width, int height, byte[] scanlines) {
            byte[] ihdr = {(byte) (width >> 24), (byte) (width >> 16), (byte) (width >> 8), (byte) width,
                (byte) (height >> 24), (byte) (height >> 16), (byte) (height >> 8), (byte) height, 1, 0, 0, 0, 0};
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            deflater.setInput(scanlines);
            deflater.finish();
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!deflater.finished()) {
                z.write(buf, 0, deflater.deflate(buf));
            }
            deflater.end();
            return Tlv.concat(Hex.parse("89504E470D0A1A0A"), chunk("IHDR", ihdr), chunk("IDAT", z.toByteArray()),
                    chunk("IEND", new byte[0]));
        }

        private static byte[] chunk(String type, byte[] data) {
            CRC32 crc = new CRC32();
            crc.update(ascii(type));
            crc.update(data);
            long c = crc.getValue();
            int n = data.length;
            return Tlv.concat(new byte[] {(byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n}, ascii(type),
                    data, new byte[] {(byte) (c >> 24), (byte) (c >> 16), (byte) (c >> 8), (byte) c});
        }
    }
}

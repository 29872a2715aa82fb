package jp.madoguchi.card;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.card.codec.Tlv;

/**
 * 券面AP EF 0002, the card face (card-spec §2.8): birth date, sex, expiry, the face photo (JPEG 2000,
 * greyscale) and the images of name, address and security code, with the outcome of checking DF28
 * against the card key DF24. Immutable; the byte arrays are copied in and out. {@link #toString()}
 * withholds personal data.
 *
 * @param expiry    DF29, unsigned and single-source [S]: empty when a card lacks it
 * @param signature whether DF28 verifies: a face whose signature does not is still returned, so the
 *                  caller can say so plainly ({@link ReaderFailure#FACE_SIGNATURE_INVALID}), and must
 *                  not show its photo as the holder's
 */
public record CardFace(LocalDate birthDate, Sex sex, String sexCode, Optional<LocalDate> expiry, byte[] photo,
        byte[] nameImage, byte[] addressImage, byte[] securityCodeImage, SignatureCheck signature) {

    /** DF28 against DF24. */
    public enum SignatureCheck { VERIFIED, NOT_VERIFIED }

    /** The DigestInfo header of DF28: SHA-256 OID, OCTET STRING of 96 bytes (three SHA-256 hashes). */
    private static final byte[] DIGEST_INFO_96 = HexFormat.of().parseHex("3071300D060960864801650304020105000460");

    public CardFace {
        photo = photo.clone();
        nameImage = nameImage.clone();
        addressImage = addressImage.clone();
        securityCodeImage = securityCodeImage.clone();
    }

    @Override
    public byte[] photo() {
        return photo.clone();
    }

    @Override
    public byte[] nameImage() {
        return nameImage.clone();
    }

    @Override
    public byte[] addressImage() {
        return addressImage.clone();
    }

    @Override
    public byte[] securityCodeImage() {
        return securityCodeImage.clone();
    }

    public boolean verified() {
        return signature == SignatureCheck.VERIFIED;
    }

    /** The card holds no photo (DF27 empty: cards of infants can be photo-less). */
    public boolean hasPhoto() {
        return photo.length > 0;
    }

    /**
     * Parses EF 0002 (the outer {@code FF 20} may follow up to 2 extra bytes, like 入力補助 EF 0002) and
     * checks DF28: PKCS#1 v1.5 with the DF24 key over DigestInfo(SHA-256(DF22‖DF23‖DF24) ‖
     * SHA-256(DF25‖DF26) ‖ SHA-256(DF27)), the TLVs hashed as stored. A malformed EF is
     * {@link MalformedResponseException}; a signature that does not verify is {@link SignatureCheck#NOT_VERIFIED}.
     */
    public static CardFace parse(byte[] ef) {
        Tlv outer = Tlv.ff20(ef, "card face");
        List<Tlv> c = Tlv.children(ef, outer);
        Tlv birth = Tlv.find(c, 0xDF22);
        Tlv sex = Tlv.find(c, 0xDF23);
        Tlv key = Tlv.find(c, 0xDF24);
        Tlv name = Tlv.find(c, 0xDF25);
        Tlv address = Tlv.find(c, 0xDF26);
        Tlv photo = Tlv.find(c, 0xDF27);
        Tlv signature = Tlv.find(c, 0xDF28);
        // DF29 and DF2A are unsigned and single-source (card-spec §2.8 [S]): tolerated when absent.
        Optional<LocalDate> expiry = c.stream().filter(t -> t.tag() == 0xDF29).findFirst()
                .map(t -> date(ef, t, "expiry"));
        byte[] code = c.stream().filter(t -> t.tag() == 0xDF2A).findFirst().map(t -> t.value(ef)).orElse(new byte[0]);
        String sexCode = BasicInfo.ascii(sex.value(ef), "card face sex");
        byte[] digestInfo = concat(DIGEST_INFO_96, sha256(ef, birth, sex, key), sha256(ef, name, address),
                sha256(ef, photo));
        SignatureCheck check = verifies(cardKey(ef, key), digestInfo, signature.value(ef))
                ? SignatureCheck.VERIFIED : SignatureCheck.NOT_VERIFIED;
        return new CardFace(date(ef, birth, "birth date"), Sex.fromCode(sexCode), sexCode, expiry,
                photo.value(ef), name.value(ef), address.value(ef), code, check);
    }

    /** DF24: {@code 90 03 <exponent> 91 82 01 00 <modulus>} (card-spec §2.7 EF 0004 body shape). */
    private static PublicKey cardKey(byte[] ef, Tlv df24) {
        List<Tlv> parts = Tlv.children(ef, df24);
        BigInteger exponent = new BigInteger(1, Tlv.find(parts, 0x90).value(ef));
        BigInteger modulus = new BigInteger(1, Tlv.find(parts, 0x91).value(ef));
        if (modulus.bitLength() < 1024 || modulus.bitLength() > 4096 || exponent.signum() <= 0) {
            throw new MalformedResponseException("card face: DF24 is not an RSA key of a plausible size");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new MalformedResponseException("card face: DF24 is not an RSA key", e);
        }
    }

    /** NONEwithRSA: PKCS#1 v1.5 type 1 over the DigestInfo as given (the card signed it raw, §3). */
    private static boolean verifies(PublicKey key, byte[] digestInfo, byte[] signature) {
        try {
            Signature v = Signature.getInstance("NONEwithRSA");
            v.initVerify(key);
            v.update(digestInfo);
            return v.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new MalformedResponseException("card face: DF24 cannot verify", e);
        }
    }

    private static LocalDate date(byte[] ef, Tlv tlv, String what) {
        return BasicInfo.yyyymmdd(tlv.value(ef), "card face: " + what);
    }

    private static byte[] sha256(byte[] ef, Tlv... tlvs) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Tlv t : tlvs) {
                md.update(ef, t.start(), t.end() - t.start());
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CardFace f && birthDate.equals(f.birthDate) && sex == f.sex && sexCode.equals(f.sexCode)
                && expiry.equals(f.expiry) && Arrays.equals(photo, f.photo) && Arrays.equals(nameImage, f.nameImage)
                && Arrays.equals(addressImage, f.addressImage) && Arrays.equals(securityCodeImage, f.securityCodeImage)
                && signature == f.signature;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(photo) * 31 + signature.hashCode();
    }

    @Override
    public String toString() {
        return "CardFace[" + signature + ", photo " + photo.length + " bytes, personal data withheld]";
    }
}

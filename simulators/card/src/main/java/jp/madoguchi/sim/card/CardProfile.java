package jp.madoguchi.sim.card;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything one emulated card holds (docs/card-profile.md). Mutable: a {@link Card} changes it under
 * its own lock and then hands it to its {@link ProfileStore}; nobody else may touch it while the card
 * is in use. Byte arrays are owned by the profile (callers copy).
 */
public final class CardProfile {
    JsonNode comment;
    String cardSerial;
    byte[] chipSerialNumber;

    String myNumber;
    String name;
    String address;
    LocalDate birthDate;
    int sex;
    boolean foreignResident;

    LocalDate issuedOn;
    LocalDate expiryDate;
    String securityCode;
    String municipalityCode;

    LifeCycle lifeCycle;
    byte[] cardKey;
    int adminFailureCount;

    RSAPrivateCrtKey authKey;
    RSAPrivateCrtKey signKey;
    RSAPrivateCrtKey textApKey;
    RSAPrivateCrtKey faceApKey;

    byte[] authCertificate;
    byte[] signCertificate;
    byte[] authCaCertificate;
    byte[] signCaCertificate;

    /** Stored credential values (ASCII); absent = not set. Only {@link Credential#stored()} keys. */
    final Map<Credential, byte[]> pinValues = new EnumMap<>(Credential.class);
    /** Tries left of every credential but TEXT_BLOCKED. */
    final Map<Credential, Integer> triesLeft = new EnumMap<>(Credential.class);

    CardProfile() {
    }

    public String cardSerial() {
        return cardSerial;
    }

    public byte[] chipSerialNumber() {
        return chipSerialNumber.clone();
    }

    public String myNumber() {
        return myNumber;
    }

    public LifeCycle lifeCycle() {
        return lifeCycle;
    }

    public int adminFailureCount() {
        return adminFailureCount;
    }

    public byte[] cardKey() {
        return cardKey.clone();
    }

    /** DER of the auth certificate, or null. */
    public byte[] authCertificate() {
        return authCertificate == null ? null : authCertificate.clone();
    }

    public byte[] signCertificate() {
        return signCertificate == null ? null : signCertificate.clone();
    }

    public RSAPrivateCrtKey authKey() {
        return authKey;
    }

    public RSAPrivateCrtKey signKey() {
        return signKey;
    }

    public int triesLeft(Credential credential) {
        return credential == Credential.TEXT_BLOCKED ? 0 : triesLeft.get(credential);
    }

    public boolean pinSet(Credential credential) {
        return pinValues.containsKey(credential);
    }

    /** The value a VERIFY is compared with: stored PIN, or the holder-data derived key. Null if not set. */
    byte[] expectedValue(Credential credential) {
        switch (credential) {
            case TEXT_A:
            case FACE_A:
                return ascii(myNumber);
            case TEXT_B:
            case FACE_B:
                return ascii(EraDate.yymmdd(birthDate, foreignResident)
                        + String.format("%04d", expiryDate.getYear()) + securityCode);
            case FACE_BIRTH:
                return ascii(EraDate.yymmdd(birthDate, foreignResident));
            case TEXT_BLOCKED:
                return null;
            default:
                byte[] v = pinValues.get(credential);
                return v == null ? null : v.clone();
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}

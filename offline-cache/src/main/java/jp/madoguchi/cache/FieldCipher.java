package jp.madoguchi.cache;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import jp.madoguchi.common.MadoguchiException;

/**
 * AES-256-GCM for personal data at rest, field by field (docs/decisions/0004-cache-encryption-at-rest.md).
 * A sealed value is {@code 0x01 | 12-byte random nonce | ciphertext | 16-byte tag}. The associated
 * data binds a value to its row (the opId), so a sealed value copied into another row fails to open.
 * Thread-safe: each thread keeps one {@link Cipher} and initialises it afresh, with a new nonce, for
 * every value (looking a Cipher up per call cost about as much as the sealing itself).
 */
public final class FieldCipher {

    private static final byte FORMAT = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    });

    public FieldCipher(SecretKey key) {
        this.key = key;
    }

    public byte[] seal(byte[] plain, byte[] associated) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = ciphers.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associated);
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Opens a sealed value. A value that was altered, truncated or moved to another row is
     * {@link CacheFailure#CORRUPTED_ROW}; {@code rowName} names the row in the error (never the data).
     */
    public byte[] open(byte[] sealed, byte[] associated, String rowName) {
        if (sealed == null || sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new MadoguchiException(CacheFailure.CORRUPTED_ROW, Map.of("seq", rowName));
        }
        try {
            Cipher c = ciphers.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            c.updateAAD(associated);
            return c.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new MadoguchiException(CacheFailure.CORRUPTED_ROW, Map.of("seq", rowName), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}

package jp.madoguchi.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import jp.madoguchi.common.MadoguchiException;

/**
 * Keeps the cache's AES-256 key outside the database, in a PKCS#12 file protected by the workstation's
 * enrolment secret (the fallback the issue allows where no OS key store is wired in; see
 * decision 0004). The key is made once, on first open, and written atomically.
 */
public final class KeyVault {

    private static final String ALIAS = "madoguchi-cache-aes";

    private KeyVault() {
    }

    /**
     * Opens the key in {@code file}, creating it when the file does not exist. {@code secret} is
     * read, not kept; the caller clears it. A wrong secret or a damaged file is
     * {@link CacheFailure#KEY_UNAVAILABLE}.
     */
    public static SecretKey openOrCreate(Path file, char[] secret) {
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(secret);
        try {
            if (Files.exists(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, secret);
                }
                KeyStore.Entry entry = store.getEntry(ALIAS, protection);
                if (!(entry instanceof KeyStore.SecretKeyEntry secretEntry)) {
                    throw new MadoguchiException(CacheFailure.KEY_UNAVAILABLE);
                }
                return secretEntry.getSecretKey();
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey key = generator.generateKey();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setEntry(ALIAS, new KeyStore.SecretKeyEntry(key), protection);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, secret);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException | GeneralSecurityException e) {
            // A wrong secret surfaces as an IOException whose cause is UnrecoverableKeyException.
            throw new MadoguchiException(CacheFailure.KEY_UNAVAILABLE, Map.of(), e);
        } finally {
            try {
                protection.destroy();
            } catch (javax.security.auth.DestroyFailedException ignored) {
                // PasswordProtection clears its copy; nothing else can fail here.
            }
        }
    }
}

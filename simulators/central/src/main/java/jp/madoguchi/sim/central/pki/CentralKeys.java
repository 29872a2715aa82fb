package jp.madoguchi.sim.central.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * The central system's long-lived key material, kept in {@code DIR/keys/central-keys.p12} (mode 600,
 * password in {@code DIR/keys/keystore.password}): the TLS CA, the two JPKI CAs and K_issuer
 * (card-spec §7.1). Created on first use, then only read, so a restart keeps every certificate
 * verifiable. Generated at run time, never committed.
 *
 * <p>Immutable after {@link #openOrCreate}; thread-safe.
 */
public final class CentralKeys {

    private static final String TLS_CA = "tls-ca";
    private static final String K_ISSUER = "k-issuer";

    private final TlsAuthority tls;
    private final JpkiAuthority jpki;
    private final byte[] issuerKey;

    private CentralKeys(TlsAuthority tls, JpkiAuthority jpki, byte[] issuerKey) {
        this.tls = tls;
        this.jpki = jpki;
        this.issuerKey = issuerKey;
    }

    public static synchronized CentralKeys openOrCreate(Path dataDir) throws IOException, GeneralSecurityException {
        Path dir = dataDir.resolve("keys");
        Files.createDirectories(dir);
        Path store = dir.resolve("central-keys.p12");
        Path passwordFile = dir.resolve("keystore.password");
        if (!Files.exists(store)) {
            create(store, passwordFile);
        }
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim().toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password);
        }
        TlsAuthority tls = new TlsAuthority(pair(ks, TLS_CA, password), (X509Certificate) ks.getCertificate(TLS_CA));
        Map<CertKind, KeyPair> keys = new EnumMap<>(CertKind.class);
        Map<CertKind, X509Certificate> certs = new EnumMap<>(CertKind.class);
        for (CertKind kind : CertKind.values()) {
            keys.put(kind, pair(ks, alias(kind), password));
            certs.put(kind, (X509Certificate) ks.getCertificate(alias(kind)));
        }
        byte[] issuer = ks.getKey(K_ISSUER, password).getEncoded();
        return new CentralKeys(tls, new JpkiAuthority(keys, certs), issuer);
    }

    private static String alias(CertKind kind) {
        return "jpki-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-ca";
    }

    private static KeyPair pair(KeyStore ks, String alias, char[] password) throws GeneralSecurityException {
        return new KeyPair(ks.getCertificate(alias).getPublicKey(), (PrivateKey) ks.getKey(alias, password));
    }

    private static void create(Path store, Path passwordFile) throws IOException, GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        byte[] pw = new byte[18];
        random.nextBytes(pw);
        String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(pw);
        writePrivate(passwordFile, password.getBytes(StandardCharsets.UTF_8));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        TlsAuthority tls = TlsAuthority.create("Madoguchi Simulated Central CA");
        ks.setKeyEntry(TLS_CA, tls.privateKey(), password.toCharArray(), new java.security.cert.Certificate[] {tls.certificate()});
        for (CertKind kind : CertKind.values()) {
            KeyPair keys = Certificates.rsa2048();
            X509Certificate ca = JpkiAuthority.createCa(kind, keys);
            ks.setKeyEntry(alias(kind), keys.getPrivate(), password.toCharArray(), new java.security.cert.Certificate[] {ca});
        }
        byte[] issuer = new byte[16];
        random.nextBytes(issuer);
        ks.setEntry(K_ISSUER, new KeyStore.SecretKeyEntry(new SecretKeySpec(issuer, "AES")),
                new KeyStore.PasswordProtection(password.toCharArray()));
        Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password.toCharArray());
        }
        restrict(tmp);
        Files.move(tmp, store, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a file readable by its owner only (where the file system knows POSIX modes). */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        restrict(file);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Windows: the user profile's ACL already keeps other users out.
        }
    }

    public TlsAuthority tls() {
        return tls;
    }

    public JpkiAuthority jpki() {
        return jpki;
    }

    /** K_issuer (a copy). */
    public byte[] issuerKey() {
        return issuerKey.clone();
    }

    /** K_card = AES-CMAC(K_issuer, SN) (card-spec §7.1). */
    public byte[] cardKey(byte[] chipSerial) {
        return AesCmac.mac(issuerKey, chipSerial);
    }
}

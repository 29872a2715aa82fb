package jp.madoguchi.sim.central;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import jp.madoguchi.sim.central.domain.CentralRecords;
import jp.madoguchi.sim.central.pki.CentralKeys;
import jp.madoguchi.sim.central.pki.Certificates;

/**
 * Out-of-band enrolment of a workstation (sync-protocol "Transport and identity"): writes into
 * {@code DIR} the workstation's PKCS#12 ({@code workstation.p12}: alias {@code workstation} = key
 * and client certificate chain, alias {@code k-issuer} = K_issuer as an AES secret key), the central
 * CA certificate ({@code central-ca.pem}) and K_issuer as hex ({@code k-issuer.hex}, for tools that
 * do not read PKCS#12 secret entries). Registers the office.
 */
public final class Enrolment {

    public static final Set<String> OFFICE_TYPES = Set.of("MUNICIPAL", "MISSION", "POST_OFFICE");
    public static final String KEYSTORE = "workstation.p12";
    public static final String CA_PEM = "central-ca.pem";
    public static final String ISSUER_HEX = "k-issuer.hex";

    private Enrolment() {
    }

    /** Enrols with a certificate valid from now for {@code validity}. */
    public static void enrol(CentralSystem system, String office, String type, String terminal, Path out, char[] password,
            Duration validity) throws Exception {
        Instant now = Instant.now();
        enrol(system, office, type, terminal, out, password, now.minus(Duration.ofMinutes(5)), now.plus(validity));
    }

    public static void enrol(CentralSystem system, String office, String type, String terminal, Path out, char[] password,
            Instant notBefore, Instant notAfter) throws Exception {
        if (!office.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("office code must be 6 digits: " + office);
        }
        if (!OFFICE_TYPES.contains(type)) {
            throw new IllegalArgumentException("office type must be one of " + OFFICE_TYPES + ": " + type);
        }
        if (!terminal.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("terminal id must be 1-32 of A-Z a-z 0-9 _ -: " + terminal);
        }
        CentralKeys keys = system.keys();
        KeyStore ks = keys.tls().workstationKeyStore(office, type, terminal, notBefore, notAfter, password);
        ks.setEntry("k-issuer", new KeyStore.SecretKeyEntry(new SecretKeySpec(keys.issuerKey(), "AES")),
                new KeyStore.PasswordProtection(password));
        Files.createDirectories(out);
        Path p12 = out.resolve(KEYSTORE);
        Path tmp = out.resolve(KEYSTORE + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            ks.store(o, password);
        }
        CentralKeys.writePrivate(tmp, Files.readAllBytes(tmp));
        Files.move(tmp, p12, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(out.resolve(CA_PEM), Certificates.pem(keys.tls().certificate()), StandardCharsets.US_ASCII);
        CentralKeys.writePrivate(out.resolve(ISSUER_HEX), (Certificates.hex(keys.issuerKey()) + "\n").getBytes(StandardCharsets.US_ASCII));
        system.database().write(c -> {
            CentralRecords.ensureOffice(c, office, type);
            return null;
        });
    }
}

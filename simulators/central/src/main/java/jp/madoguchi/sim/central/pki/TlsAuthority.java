package jp.madoguchi.sim.central.pki;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The simulator's own TLS certificate authority: it issues the server certificate and every
 * workstation's client certificate (subject {@code CN=<terminalId>, OU=<officeType>, O=<officeCode>},
 * sync-protocol "Transport and identity"). In production this is the government network's PKI.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class TlsAuthority {

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    public TlsAuthority(KeyPair caKeys, X509Certificate caCertificate) {
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    /** A new self-signed CA valid for 20 years. */
    public static TlsAuthority create(String name) {
        KeyPair keys = Certificates.ecP256();
        X500Name dn = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, "Madoguchi Simulated Central").addRDN(BCStyle.CN, name).build();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(dn, Certificates.randomSerial(),
                    Certificates.date(now.minus(Duration.ofDays(1))), Certificates.date(now.plus(Duration.ofDays(365L * 20))),
                    dn, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            Certificates.addKeyIdentifiers(b, keys.getPublic(), null);
            return new TlsAuthority(keys, Certificates.sign(b, keys.getPrivate()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return caCertificate;
    }

    public PrivateKey privateKey() {
        return caKeys.getPrivate();
    }

    /** A fresh server key and certificate for localhost / 127.0.0.1 / ::1 and {@code extraHost}. */
    public KeyStore serverKeyStore(char[] password, String extraHost) {
        KeyPair keys = Certificates.ecP256();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Madoguchi Simulated Central")
                .addRDN(BCStyle.CN, "central").build();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = builder(subject, keys, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(825)));
            GeneralName[] names = extraHost == null || extraHost.isBlank()
                    ? new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")}
                    : new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1"),
                        new GeneralName(extraHost.matches("[0-9.:]+") ? GeneralName.iPAddress : GeneralName.dNSName, extraHost)};
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return keyStore("server", keys.getPrivate(), Certificates.sign(b, caKeys.getPrivate()), password);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A workstation's client certificate; {@code notBefore}/{@code notAfter} let tests make expired ones. */
    public KeyStore workstationKeyStore(String officeCode, String officeType, String terminalId,
            Instant notBefore, Instant notAfter, char[] password) {
        KeyPair keys = Certificates.ecP256();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, officeCode)
                .addRDN(BCStyle.OU, officeType).addRDN(BCStyle.CN, terminalId).build();
        try {
            X509v3CertificateBuilder b = builder(subject, keys, notBefore, notAfter);
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return keyStore("workstation", keys.getPrivate(), Certificates.sign(b, caKeys.getPrivate()), password);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private X509v3CertificateBuilder builder(X500Name subject, KeyPair keys, Instant from, Instant to) throws IOException {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(Certificates.subjectOf(caCertificate),
                Certificates.randomSerial(), Certificates.date(from), Certificates.date(to), subject, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        Certificates.addKeyIdentifiers(b, keys.getPublic(), caKeys.getPublic());
        return b;
    }

    private KeyStore keyStore(String alias, PrivateKey key, X509Certificate cert, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, key, password, new java.security.cert.Certificate[] {cert, caCertificate});
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build PKCS#12", e);
        }
    }

    /** A trust store holding only this CA: the server trusts workstations of this CA and no other. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("central-ca", caCertificate);
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

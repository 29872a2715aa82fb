package jp.madoguchi.card;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import jp.madoguchi.card.codec.Tlv;

/**
 * One certificate from a JPKI EF, parsed: subject, issuer, validity and key. {@link #der()} returns a
 * copy, so the record stays immutable.
 */
public record CertificateInfo(String subject, String issuer, BigInteger serialNumber, Instant notBefore,
                              Instant notAfter, PublicKey publicKey, byte[] derBytes) {

    /**
     * One X.509 factory per thread (in practice the card thread), not a provider lookup per certificate:
     * the API does not promise that a factory may be shared between threads.
     */
    private static final ThreadLocal<CertificateFactory> FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    });

    public CertificateInfo {
        derBytes = derBytes.clone();
    }

    /** A copy of the DER encoding. */
    @Override
    public byte[] derBytes() {
        return derBytes.clone();
    }

    /** RSA modulus size in bits, or 0 for other keys. */
    public int keyBits() {
        return publicKey instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 0;
    }

    /** A fresh {@link X509Certificate} for the caller to verify against its own trust anchors. */
    public X509Certificate certificate() {
        return decode(derBytes);
    }

    /**
     * Parses one DER certificate; the outer SEQUENCE must span the whole input (certificate EFs are
     * exactly as long as their DER, §2.6).
     */
    public static CertificateInfo parse(byte[] der) {
        Tlv outer = Tlv.read(der, 0, der.length);
        if (outer.tag() != 0x30 || outer.end() != der.length) {
            throw new MalformedResponseException("certificate: not one DER SEQUENCE spanning the EF");
        }
        X509Certificate cert = decode(der);
        return new CertificateInfo(cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                cert.getSerialNumber(), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                cert.getPublicKey(), der);
    }

    private static X509Certificate decode(byte[] der) {
        try {
            return (X509Certificate) FACTORY.get().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            // The JDK's DER decoder throws unchecked exceptions on some malformed input as well.
            throw new MalformedResponseException("certificate: bad DER", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateInfo other && java.util.Arrays.equals(derBytes, other.derBytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(derBytes);
    }

    @Override
    public String toString() {
        return "CertificateInfo[subject=" + subject + ", notAfter=" + notAfter + "]";
    }
}

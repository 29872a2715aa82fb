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
 * One certificate from a JPKI EF, checked and decoded by the JDK's X.509 factory when it is read:
 * subject, issuer, serial number, validity and key. Each accessor asks that decoded certificate when
 * called, not during the read: a read decodes three certificates and, at the few hundred reads a JVM
 * makes, the JDK's attribute getters run cold and cost about 0.02 ms per certificate (measured in
 * session 8), while most callers look at none of them or only at {@link #notAfter()}. The JDK keeps
 * what they compute (the names' RFC 2253 text, the key), so asking again costs little.
 *
 * <p>Immutable and thread-safe: the decoded certificate is only ever read ({@link X509Certificate} has no
 * mutators, and the JDK's factory itself shares one decoded instance per encoding).
 * {@link #derBytes()} returns a copy.
 */
public final class CertificateInfo {

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

    private final byte[] derBytes;
    private final X509Certificate decoded;

    private CertificateInfo(byte[] der, X509Certificate decoded) {
        this.derBytes = der.clone();
        this.decoded = decoded;
    }

    /** The subject's distinguished name in RFC 2253 form. */
    public String subject() {
        return decoded.getSubjectX500Principal().getName();
    }

    /** The issuer's distinguished name in RFC 2253 form. */
    public String issuer() {
        return decoded.getIssuerX500Principal().getName();
    }

    public BigInteger serialNumber() {
        return decoded.getSerialNumber();
    }

    public Instant notBefore() {
        return decoded.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return decoded.getNotAfter().toInstant();
    }

    public PublicKey publicKey() {
        return decoded.getPublicKey();
    }

    /** A copy of the DER encoding. */
    public byte[] derBytes() {
        return derBytes.clone();
    }

    /** RSA modulus size in bits, or 0 for other keys. */
    public int keyBits() {
        return publicKey() instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 0;
    }

    /**
     * The certificate decoded again from its DER (the JDK's factory may hand back its cached instance),
     * for the caller to verify against its own trust anchors.
     */
    public X509Certificate certificate() {
        return decode(derBytes);
    }

    /**
     * Parses one DER certificate; the outer SEQUENCE must span the whole input (certificate EFs are
     * exactly as long as their DER, §2.6). The whole certificate is decoded here, so bad DER anywhere in
     * it is a {@link MalformedResponseException} of the read, never of a later getter.
     */
    public static CertificateInfo parse(byte[] der) {
        Tlv outer = Tlv.read(der, 0, der.length);
        if (outer.tag() != 0x30 || outer.end() != der.length) {
            throw new MalformedResponseException("certificate: not one DER SEQUENCE spanning the EF");
        }
        return new CertificateInfo(der, decode(der));
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
        return "CertificateInfo[subject=" + subject() + ", notAfter=" + notAfter() + "]";
    }
}

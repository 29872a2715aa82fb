package jp.madoguchi.sim.central.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.CharBuffer;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierId;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The simulated JPKI certificate service: a sign CA and an auth CA ({@code C=JP, O=Madoguchi
 * Simulated JPKI, OU=sign|auth}, never J-LIS names, card-spec §4 project rules), end-entity
 * certificates in the card-spec §4 profiles, and one CRL per kind. Validity and policy decisions
 * (age, window, card status) are the caller's; this class only builds and signs.
 *
 * <p>Immutable; thread-safe.
 */
public final class JpkiAuthority {

    public static final String OID_NAME = "1.2.392.200149.8.5.5.1";
    public static final String OID_NAME_MAP = "1.2.392.200149.8.5.5.2";
    public static final String OID_SEX = "1.2.392.200149.8.5.5.3";
    public static final String OID_BIRTH = "1.2.392.200149.8.5.5.4";
    public static final String OID_ADDRESS = "1.2.392.200149.8.5.5.5";
    public static final String OID_ADDRESS_MAP = "1.2.392.200149.8.5.5.6";
    public static final String POLICY_AUTH = "1.2.392.200149.8.5.1.3.30";
    public static final String POLICY_SIGN = "1.2.392.200149.8.5.1.1.20";
    private static final String CPS = "http://www.jpki.go.jp/cps.html";
    private static final String OCSP = "http://ocsp.central.madoguchi.invalid/";
    private static final String SUBSTITUTE = "\u3013";
    private static final DateTimeFormatter SIGN_CN_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Map<CertKind, KeyPair> caKeys;
    private final Map<CertKind, X509Certificate> caCertificates;

    public JpkiAuthority(Map<CertKind, KeyPair> caKeys, Map<CertKind, X509Certificate> caCertificates) {
        this.caKeys = Map.copyOf(caKeys);
        this.caCertificates = Map.copyOf(caCertificates);
    }

    public static X500Name caName(CertKind kind) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, "Madoguchi Simulated JPKI").addRDN(BCStyle.OU, kind == CertKind.SIGN ? "sign" : "auth").build();
    }

    /** A self-signed CA in the card-spec §4 CA profile, valid 20 years from a day ago. */
    public static X509Certificate createCa(CertKind kind, KeyPair keys) {
        X500Name dn = caName(kind);
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(dn, BigInteger.ONE,
                    Certificates.date(now.minus(Duration.ofDays(1))), Certificates.date(now.plus(Duration.ofDays(365L * 20))),
                    dn, keys.getPublic());
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "模擬公的個人認証サービス").build())));
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(dn))), null, null)}));
            Certificates.addKeyIdentifiers(b, keys.getPublic(), null);
            return Certificates.sign(b, keys.getPrivate());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate caCertificate(CertKind kind) {
        return caCertificates.get(kind);
    }

    /**
     * Builds and signs an end-entity certificate for {@code subjectKey}. Only the public key comes
     * from the requester; subject and extensions come from {@code holder} (sync-protocol item 10).
     *
     * @param windowId 9 characters naming where it was requested (sign certificate CN)
     */
    public X509Certificate issue(CertKind kind, BigInteger serial, PublicKey subjectKey, CertificateHolder holder,
            Instant notBefore, Instant notAfter, String windowId, int sequence, String authId) {
        X509Certificate ca = caCertificates.get(kind);
        X500Name subject = kind == CertKind.AUTH
                ? new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.CN, authId).build()
                : new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP")
                        .addRDN(BCStyle.L, holder.prefectureRomaji()).addRDN(BCStyle.L, holder.cityRomaji())
                        .addRDN(BCStyle.CN, SIGN_CN_TIME.format(notBefore.atZone(ValidityRules.JST))
                                + String.format("%05d", sequence % 100_000) + windowId).build();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(Certificates.subjectOf(ca), serial,
                    Certificates.date(notBefore), Certificates.date(notAfter), subject, subjectKey);
            if (kind == CertKind.AUTH) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                b.addExtension(Extension.subjectAlternativeName, false, personalData(holder));
            }
            b.addExtension(Extension.certificatePolicies, true, new CertificatePolicies(new PolicyInformation(
                    new ASN1ObjectIdentifier(kind == CertKind.AUTH ? POLICY_AUTH : POLICY_SIGN),
                    new DERSequence(new PolicyQualifierInfo(CPS)))));
            b.addExtension(Extension.issuerAlternativeName, false, new GeneralNames(new GeneralName(
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "模擬公的個人認証サービス")
                            .addRDN(BCStyle.OU, kind == CertKind.AUTH ? "模擬公的個人認証サービス利用者証明用" : "模擬公的個人認証サービス署名用")
                            .addRDN(BCStyle.OU, "Madoguchi Simulated JPKI").build())));
            X500Name crlDp = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Madoguchi Simulated JPKI")
                    .addRDN(BCStyle.OU, kind == CertKind.AUTH ? "JPKI for user authentication" : "JPKI for digital signature")
                    .addRDN(BCStyle.OU, "CRL Distribution Points").addRDN(BCStyle.OU, holder.prefectureRomaji() + "-ken")
                    .addRDN(BCStyle.CN, holder.cityRomaji() + "-shi CRLDP").build();
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(crlDp))), null, null)}));
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier,
                            new DERIA5String(OCSP)))));
            Certificates.addKeyIdentifiers(b, subjectKey, ca.getPublicKey());
            return Certificates.sign(b, caKeys.get(kind).getPrivate());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The six otherNames of the sign certificate's SAN, in the order of card-spec §4. */
    static GeneralNames personalData(CertificateHolder h) {
        String[] name = substituted(h.name());
        String[] address = substituted(h.address().length() > 200 ? h.address().substring(0, 200) : h.address());
        return new GeneralNames(new GeneralName[] {
            otherName(OID_NAME, name[0]),
            otherName(OID_BIRTH, eraCode(h.birthDate()) + h.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE)),
            otherName(OID_SEX, Integer.toString(h.sex())),
            otherName(OID_ADDRESS, address[0]),
            otherName(OID_NAME_MAP, name[1]),
            otherName(OID_ADDRESS_MAP, address[1]),
        });
    }

    private static GeneralName otherName(String oid, String value) {
        return new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
            new ASN1ObjectIdentifier(oid), new DERTaggedObject(true, 0, new DERUTF8String(value))}));
    }

    /** Era code of card-spec §4: 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和. */
    public static int eraCode(LocalDate d) {
        if (!d.isBefore(LocalDate.of(2019, 5, 1))) {
            return 5;
        }
        if (!d.isBefore(LocalDate.of(1989, 1, 8))) {
            return 4;
        }
        if (!d.isBefore(LocalDate.of(1926, 12, 25))) {
            return 3;
        }
        if (!d.isBefore(LocalDate.of(1912, 7, 30))) {
            return 2;
        }
        return 1;
    }

    /**
     * Replaces every character outside JIS X 0208 (levels 1/2) with 〓 and returns {text, 0/1 map}.
     * Stricter than card-spec §4 (which also keeps 補助漢字) so that the certificate's name equals
     * the chip's basic-4 name, which card-profile.md limits to JIS levels 1/2. Variation selectors
     * are dropped: they choose a glyph, not a character, and the base character or the substitute
     * already stands for the pair.
     */
    public static String[] substituted(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder map = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
                return;
            }
            String ch = new String(Character.toChars(cp));
            if (inJisLevels12(ch)) {
                out.append(ch);
                map.append('0');
            } else {
                out.append(SUBSTITUTE);
                map.append('1');
            }
        });
        return new String[] {out.toString(), map.toString()};
    }

    /**
     * True when {@code ch} is in JIS X 0208 (EUC-JP two bytes from A1A1, not SS2/SS3). The JDK's
     * EUC-JP maps a few JIS rows to other Unicode characters than the Windows mapping that names
     * commonly use (full-width hyphen-minus and tilde, double vertical line, cent/pound/not signs);
     * those are tried under their JIS-table code point.
     */
    public static boolean inJisLevels12(String ch) {
        int cp = ch.codePointAt(0);
        if (cp < 0x80) {
            return true;
        }
        String probe = switch (cp) {
            case 0xFF0D -> "\u2212";
            case 0xFF5E -> "\u301C";
            case 0x2225 -> "\u2016";
            case 0xFFE0 -> "\u00A2";
            case 0xFFE1 -> "\u00A3";
            case 0xFFE2 -> "\u00AC";
            default -> ch;
        };
        try {
            byte[] b = toBytes(Charset.forName("EUC-JP").newEncoder(), probe);
            return b.length == 2 && (b[0] & 0xFF) >= 0xA1;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] toBytes(CharsetEncoder enc, String ch) throws CharacterCodingException {
        java.nio.ByteBuffer bb = enc.reset().encode(CharBuffer.wrap(ch));
        byte[] b = new byte[bb.remaining()];
        bb.get(b);
        return b;
    }

    /** A revoked certificate for the CRL: serial, revocation time, RFC 5280 reason code. */
    public record Revocation(BigInteger serial, Instant revokedAt, int reasonCode) {
    }

    /** A CRL of {@code kind} listing {@code revoked}; nextUpdate = thisUpdate + 1 h (sync-protocol item 12). */
    public X509CRL crl(CertKind kind, List<Revocation> revoked, long number, Instant now) {
        X509Certificate ca = caCertificates.get(kind);
        X509v2CRLBuilder b = new X509v2CRLBuilder(Certificates.subjectOf(ca), Certificates.date(now));
        b.setNextUpdate(Certificates.date(now.plus(Duration.ofHours(1))));
        for (Revocation r : revoked) {
            b.addCRLEntry(r.serial(), Certificates.date(r.revokedAt()), r.reasonCode());
        }
        try {
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    Certificates.extensionUtils().createAuthorityKeyIdentifier(ca.getPublicKey()));
            PrivateKey key = caKeys.get(kind).getPrivate();
            return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
        } catch (Exception e) {
            throw new IllegalStateException("CRL signing failed", e);
        }
    }

    /** RFC 5280 reason code for a revocation reason of counter-rules §4.3. */
    public static int reasonCode(String reason) {
        return switch (reason == null ? "" : reason) {
            case "SUPERSEDED" -> CRLReason.superseded;
            case "KEY_COMPROMISE" -> CRLReason.keyCompromise;
            case "LOST", "CARD_REVOKED", "RETURNED", "REPLACED", "UNCLAIMED" -> CRLReason.cessationOfOperation;
            case "NAME_OR_ADDRESS_CHANGED", "FACE_AUTH", "OVERSEAS_CONVERSION" -> CRLReason.affiliationChanged;
            default -> CRLReason.unspecified;
        };
    }

    /** Random opaque 23-character ID for the auth certificate's CN (no personal data). */
    public static String opaqueId(java.util.random.RandomGenerator random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 23; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** All certificates in a chain for {@code kind}: only the CA (the hierarchy has one level). */
    public List<X509Certificate> chain(CertKind kind) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(caCertificates.get(kind));
        return chain;
    }
}

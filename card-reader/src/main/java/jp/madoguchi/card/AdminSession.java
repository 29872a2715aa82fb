package jp.madoguchi.card;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import javax.smartcardio.ResponseAPDU;
import jp.madoguchi.card.CardSnapshot.LifeCycle;
import jp.madoguchi.card.codec.AesCmac;
import jp.madoguchi.card.codec.Apdus;
import jp.madoguchi.card.codec.Tlv;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authenticated counter-administration session (card-spec §7), obtained from
 * {@link CardConnection#administer}. It lives only inside that call: the card holds the admin state
 * until the connection's reset. A command the card refuses clears the card's admin state, pending keys
 * and staging (§7.2): later commands of the same session then fail with 6982.
 *
 * <p>Card thread only.
 */
public final class AdminSession {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSession.class);
    private static final byte[] SHA256_DIGEST_INFO_PREFIX = java.util.HexFormat.of()
            .parseHex("3031300d060960864801650304020105000420");
    private static final int CHUNK = 255;

    private final CardSession s;
    private final byte[] serial;

    private AdminSession(CardSession s, byte[] serial) {
        this.s = s;
        this.serial = serial;
    }

    static AdminSession authenticate(CardSession s, byte[] issuerKey) {
        s.select(CardApplication.JPKI);
        ResponseAPDU snResponse = s.transmit(Apdus.getSerial(), "GET DATA serial");
        if (snResponse.getSW() != 0x9000) {
            throw new CardStatusException(ReaderFailure.ADMIN_NOT_SUPPORTED, snResponse.getSW(), "GET DATA serial");
        }
        byte[] sn = snResponse.getData();
        if (sn.length != 8) {
            throw new MalformedResponseException("chip serial: " + sn.length + " bytes, expected 8");
        }
        byte[] kCard = AesCmac.mac(issuerKey, sn);
        try {
            byte[] nc = s.expectOk(s.transmit(Apdus.getChallenge(), "GET CHALLENGE"), "GET CHALLENGE");
            if (nc.length != 16) {
                throw new MalformedResponseException("challenge: " + nc.length + " bytes, expected 16");
            }
            byte[] nt = new byte[16];
            new SecureRandom().nextBytes(nt);
            byte[] mac = AesCmac.mac(kCard, nc, nt);
            byte[] data = new byte[32];
            System.arraycopy(nt, 0, data, 0, 16);
            System.arraycopy(mac, 0, data, 16, 16);
            ResponseAPDU r = s.transmit(Apdus.externalAuthenticate(data), "EXTERNAL AUTHENTICATE");
            switch (r.getSW()) {
                case 0x9000 -> { }
                case 0x6300 -> throw new CardStatusException(ReaderFailure.ISSUER_KEY_REFUSED, 0x6300, "EXTERNAL AUTHENTICATE");
                case 0x6983 -> throw new CardStatusException(ReaderFailure.ADMIN_LOCKED, 0x6983, "EXTERNAL AUTHENTICATE");
                default -> throw StatusWords.exception(r.getSW(), "EXTERNAL AUTHENTICATE");
            }
            byte[] expected = AesCmac.mac(kCard, nt, nc);
            if (!MessageDigest.isEqual(expected, r.getData())) {
                LOG.warn("EXTERNAL AUTHENTICATE: the card's MAC is wrong; the card is not genuine");
                throw new CardAccessException(ReaderFailure.CARD_NOT_GENUINE);
            }
            return new AdminSession(s, sn);
        } finally {
            Arrays.fill(kCard, (byte) 0);
        }
    }

    /** The 8-byte chip serial SN (§7.3), used only for key diversification. */
    public byte[] chipSerial() {
        return serial.clone();
    }

    /** GET DATA life cycle (§7.3). */
    public LifeCycle lifeCycle() {
        s.select(CardApplication.JPKI);
        byte[] data = s.expectOk(s.transmit(Apdus.getLifeCycle(), "GET DATA life cycle"), "GET DATA life cycle");
        if (data.length != 1 || (data[0] != 1 && data[0] != 2)) {
            throw new MalformedResponseException("life cycle: expected 01 or 02");
        }
        return data[0] == 1 ? LifeCycle.TRANSPORT : LifeCycle.OPERATIONAL;
    }

    /**
     * RESET RETRY COUNTER (§7.5): sets or unblocks a holder PIN; counter at its maximum. The PIN's
     * format is checked first (MDG-PIN-001/002) and {@code newPin} is cleared.
     */
    public void resetPin(PinKind kind, char[] newPin) {
        try {
            PinFormat.check(kind, newPin);
            s.select(kind.application());
            byte[] bytes = PinFormat.bytes(newPin);
            try {
                s.expectOk(s.transmit(Apdus.resetRetryCounter(kind.p2(), bytes), "RESET RETRY COUNTER " + kind, true),
                        "RESET RETRY COUNTER");
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
            s.changed();
        } finally {
            Arrays.fill(newPin, '\0');
        }
    }

    /** SET LIFE CYCLE → OPERATIONAL (§7.9); 6985 when not in TRANSPORT or a holder PIN is not set. */
    public void setOperational() {
        s.expectOk(s.transmit(Apdus.setLifeCycleOperational(), "SET LIFE CYCLE", true), "SET LIFE CYCLE");
        s.changed();
    }

    /**
     * GENERATE ASYMMETRIC KEY PAIR (§7.6): the card's new pending key, replacing any earlier pending one.
     * Slow on a real card (seconds); no timeout is applied here.
     */
    public RSAPublicKey generateKeyPair(JpkiKey key) {
        s.select(CardApplication.JPKI);
        byte[] data = s.expectOk(s.transmit(Apdus.generateKeyPair(key.keyFid()), "GENERATE " + key), "GENERATE");
        return parsePublicKey(data);
    }

    /** Parses {@code 7F49 { 81 modulus, 82 exponent }} into an RSA key; malformed input is typed. */
    public static RSAPublicKey parsePublicKey(byte[] data) {
        Tlv outer = Tlv.read(data, 0, data.length);
        if (outer.tag() != 0x7F49 || outer.end() != data.length) {
            throw new MalformedResponseException("public key: expected one 7F49");
        }
        List<Tlv> children = Tlv.children(data, outer);
        byte[] modulus = Tlv.find(children, 0x81).value(data);
        byte[] exponent = Tlv.find(children, 0x82).value(data);
        if (modulus.length != 256 || (modulus[0] & 0x80) == 0 || exponent.length == 0 || exponent.length > 4) {
            throw new MalformedResponseException("public key: not RSA-2048");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(new BigInteger(1, modulus), new BigInteger(1, exponent)));
        } catch (GeneralSecurityException e) {
            throw new MalformedResponseException("public key: rejected by the JDK", e);
        }
    }

    /** Signs a full DigestInfo with the pending key (§7.7); returns the 256-byte signature. */
    public byte[] signWithPendingKey(JpkiKey key, byte[] digestInfo) {
        s.select(CardApplication.JPKI);
        byte[] signature = s.expectOk(s.transmit(Apdus.computeSignature(key.pendingSignatureP2(), digestInfo),
                "SIGN pending " + key), "COMPUTE DIGITAL SIGNATURE");
        if (signature.length != 256) {
            throw new MalformedResponseException("signature: " + signature.length + " bytes, expected 256");
        }
        return signature;
    }

    /**
     * A PKCS#10 request (DER) for the pending key, signed by the card with that key: the proof of
     * possession the issuing service checks (§7.7).
     */
    public byte[] certificationRequest(JpkiKey key, RSAPublicKey pendingKey, X500Principal subject) {
        PKCS10CertificationRequestBuilder builder = new PKCS10CertificationRequestBuilder(
                X500Name.getInstance(subject.getEncoded()), SubjectPublicKeyInfo.getInstance(pendingKey.getEncoded()));
        AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        ContentSigner signer = new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return info;
            }

            @Override
            public byte[] getSignature() {
                return signWithPendingKey(key, digestInfo(info.toByteArray()));
            }
        };
        try {
            return builder.build(signer).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("encoding a request in memory cannot fail", e);
        }
    }

    /** DigestInfo(SHA-256(data)), 51 bytes (card-spec §3, §9.6). */
    public static byte[] digestInfo(byte[] data) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
            byte[] out = Arrays.copyOf(SHA256_DIGEST_INFO_PREFIX, SHA256_DIGEST_INFO_PREFIX.length + 32);
            System.arraycopy(hash, 0, out, SHA256_DIGEST_INFO_PREFIX.length, 32);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Writes {@code certificateDer} to the key's certificate EF staging area in 255-byte chunks and
     * activates it (§7.8): the certificate and the pending key replace the old ones in one atomic step.
     * If the card refuses ACTIVATE, the flow must restart at {@link #generateKeyPair}.
     */
    public void writeCertificate(JpkiKey key, byte[] certificateDer) {
        CertificateInfo.parse(certificateDer);
        s.select(CardApplication.JPKI);
        s.expectOk(s.transmit(Apdus.selectEf(key.certificateFid()), "SELECT certificate EF"), "SELECT EF");
        for (int offset = 0; offset < certificateDer.length; offset += CHUNK) {
            byte[] chunk = Arrays.copyOfRange(certificateDer, offset, Math.min(certificateDer.length, offset + CHUNK));
            ResponseAPDU r = s.transmit(Apdus.updateBinary(offset, chunk), "UPDATE BINARY " + key + " @" + offset);
            if (r.getSW() == 0x6A84) {
                throw new CardStatusException(ReaderFailure.CERTIFICATE_REJECTED, r.getSW(), "UPDATE BINARY");
            }
            s.expectOk(r, "UPDATE BINARY");
        }
        ResponseAPDU r = s.transmit(Apdus.activateFile(), "ACTIVATE " + key, true);
        if (r.getSW() == 0x6A80 || r.getSW() == 0x6985) {
            throw new CardStatusException(ReaderFailure.CERTIFICATE_REJECTED, r.getSW(), "ACTIVATE FILE");
        }
        s.expectOk(r, "ACTIVATE FILE");
        s.changed();
    }

    /** Reads the certificate availability bytes of JPKI EF 0008 (sign, auth). */
    public Map<JpkiKey, Boolean> certificatesPresent() {
        s.select(CardApplication.JPKI);
        byte[] b = s.readFixed(0x08, 3, "certificate availability");
        return Map.of(JpkiKey.SIGN, (b[0] & 0xFF) == 0x8F, JpkiKey.AUTH, (b[1] & 0xFF) == 0x8F);
    }
}

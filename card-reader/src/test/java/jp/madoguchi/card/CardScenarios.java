package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import jp.madoguchi.card.CardConnection.ReadRequest;
import jp.madoguchi.card.PinStatus.State;
import jp.madoguchi.card.PinVerification.Result;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Every read and action as a scenario over a {@link CardConnection}, shared by the in-JVM tests and
 * the real-stack (pcscd + vpcd) tests so both stacks prove the same things. Each method takes a
 * fresh connection opener because some scenarios reset the card between steps.
 */
final class CardScenarios {

    /** Opens a new connection to the card under test. */
    interface Opener {
        CardConnection open();
    }

    private CardScenarios() {
    }

    /** APDUs of a full read with the 入力補助 PIN, given the certificate sizes (each chunk once). */
    static int expectedApdus(CardSnapshot s) {
        int chunks = 0;
        for (var cert : java.util.List.of(s.authCertificate(), s.authCaCertificate(), s.signCaCertificate(),
                s.signCertificate())) {
            chunks += cert.map(c -> (c.derBytes().length + 255) / 256).orElse(0);
        }
        // A VERIFY goes out only when the retry query left a try (OK or WRONG here); reading after it
        // costs basic info + My Number for the 入力補助 PIN (the sign certificate is in the chunks).
        int pinApdus = s.cardTextPinResult().map(r -> r.ok() ? 3 : r.result() == Result.WRONG ? 1 : 0).orElse(0)
                + s.signPinResult().map(r -> r.ok() || r.result() == Result.WRONG ? 1 : 0).orElse(0);
        // SELECT+RECORD (common), SELECT+query (text), SELECT+query (juki), SELECT+2 queries+0008+0006 (JPKI),
        // SELECT+0003 (face), plus a life-cycle GET DATA when a PIN answered 6984.
        return 2 + 2 + 2 + 5 + 2 + pinApdus + chunks + (s.lifeCycle().isPresent() ? 1 : 0);
    }

    static void fullReadOfADeliveredCard(Opener opener) {
        CardSnapshot[] early = new CardSnapshot[1];
        CardSnapshot s;
        char[] pin = EmulatedCards.PIN.toCharArray();
        try (CardConnection c = opener.open()) {
            s = c.read(new ReadRequest(pin, null, partial -> early[0] = partial));
        }
        assertThat(pin).containsOnly('\0');
        assertThat(s.complete()).isTrue();
        assertThat(s.cardSerial()).hasSize(15).containsOnlyDigits();
        assertThat(s.myNumber()).get().extracting(MyNumber::digits).isEqualTo("123456789018");
        BasicInfo b = s.basicInfo().orElseThrow();
        assertThat(b.name()).isEqualTo("試験\u3000花子");
        assertThat(b.address()).isEqualTo("模擬県見本市試験町１－２－３");
        assertThat(b.birthDate()).isEqualTo(LocalDate.of(1990, 5, 5));
        assertThat(b.sex()).isEqualTo(Sex.FEMALE);
        assertThat(s.common().cardExpiry()).isEqualTo(LocalDate.of(2035, 5, 5));
        assertThat(s.cardTextPinResult()).get().extracting(PinVerification::result).isEqualTo(Result.OK);
        assertThat(s.pins()).hasSize(4);
        assertThat(s.pin(PinKind.AUTH)).isEqualTo(new PinStatus(PinKind.AUTH, State.AVAILABLE, 3));
        assertThat(s.pin(PinKind.SIGN)).isEqualTo(new PinStatus(PinKind.SIGN, State.AVAILABLE, 5));
        assertThat(s.pin(PinKind.CARD_TEXT)).isEqualTo(new PinStatus(PinKind.CARD_TEXT, State.AVAILABLE, 3));
        assertThat(s.pin(PinKind.JUKI)).isEqualTo(new PinStatus(PinKind.JUKI, State.AVAILABLE, 3));
        assertThat(s.token()).get().extracting(TokenInfo::label).isEqualTo("JPKIAPICCTOKEN2");
        assertThat(s.cardFace()).get().extracting(CardFaceInfo::municipalityCode)
                .isEqualTo(s.common().municipalityCode());
        CertificateInfo auth = s.authCertificate().orElseThrow();
        assertThat(auth.subject()).startsWith("CN=").contains("C=JP");
        assertThat(auth.keyBits()).isEqualTo(2048);
        assertThat(auth.notAfter()).isEqualTo(Instant.parse("2030-05-05T14:59:59Z"));
        assertThat(s.authCaCertificate().orElseThrow().subject()).contains("Madoguchi Simulated JPKI");
        assertThat(s.signCaCertificate().orElseThrow().subject()).contains("Madoguchi Simulated JPKI");
        assertThat(s.signCertificate()).isEmpty();
        assertThat(s.authCertificatePresent()).isTrue();
        assertThat(s.signCertificatePresent()).isTrue();
        assertThat(s.apduCount()).isEqualTo(expectedApdus(s));
        // The screen-first partial came before the certificates, with the resident already in it.
        assertThat(early[0]).isNotNull();
        assertThat(early[0].complete()).isFalse();
        assertThat(early[0].basicInfo()).isEqualTo(s.basicInfo());
        assertThat(early[0].authCertificate()).isEmpty();
        assertThat(early[0].apduCount()).isLessThan(s.apduCount());
    }

    static void readWithoutPinAndWithTheSignPassword(Opener opener) {
        CardSnapshot s;
        try (CardConnection c = opener.open()) {
            s = c.read(new ReadRequest(null, EmulatedCards.SIGN_PASSWORD.toCharArray(), null));
        }
        assertThat(s.myNumber()).isEmpty();
        assertThat(s.basicInfo()).isEmpty();
        assertThat(s.signPinResult()).get().extracting(PinVerification::result).isEqualTo(Result.OK);
        CertificateInfo sign = s.signCertificate().orElseThrow();
        assertThat(sign.issuer()).contains("OU=sign");
        assertThat(s.apduCount()).isEqualTo(expectedApdus(s));
    }

    static void wrongPinsAreCountedAndNothingProtectedIsRead(Opener opener) {
        CardSnapshot s;
        try (CardConnection c = opener.open()) {
            s = c.read(new ReadRequest("9999".toCharArray(), "WRONG123".toCharArray(), null));
        }
        assertThat(s.cardTextPinResult()).get().isEqualTo(new PinVerification(PinKind.CARD_TEXT, Result.WRONG, 2));
        assertThat(s.signPinResult()).get().isEqualTo(new PinVerification(PinKind.SIGN, Result.WRONG, 4));
        assertThat(s.basicInfo()).isEmpty();
        assertThat(s.signCertificate()).isEmpty();
        assertThat(s.pin(PinKind.CARD_TEXT).remaining()).isEqualTo(2);
        assertThat(s.pin(PinKind.SIGN).remaining()).isEqualTo(4);
        try (CardConnection c = opener.open()) {
            assertThat(c.pinStatuses().get(PinKind.CARD_TEXT)).isEqualTo(new PinStatus(PinKind.CARD_TEXT, State.AVAILABLE, 2));
        }
    }

    /** card-spec §9.4 through the reader: query, wrong, right, then the lockout and the blocked card. */
    static void lockoutSequence(Opener opener) {
        try (CardConnection c = opener.open()) {
            assertThat(c.verifyPin(PinKind.AUTH, "0000".toCharArray())).isEqualTo(new PinVerification(PinKind.AUTH, Result.WRONG, 2));
            assertThat(c.verifyPin(PinKind.AUTH, "1234".toCharArray()).result()).isEqualTo(Result.OK);
            assertThat(c.pinStatuses().get(PinKind.AUTH).remaining()).isEqualTo(3);
            assertThat(c.verifyPin(PinKind.AUTH, "0000".toCharArray()).remaining()).isEqualTo(2);
            assertThat(c.verifyPin(PinKind.AUTH, "0001".toCharArray()).remaining()).isEqualTo(1);
            PinVerification last = c.verifyPin(PinKind.AUTH, "0002".toCharArray());
            assertThat(last).isEqualTo(new PinVerification(PinKind.AUTH, Result.BLOCKED, 0));
            assertThat(last.failure().code()).isEqualTo("MDG-PIN-004");
            // The right PIN on a blocked key: reported BLOCKED from the retry query, nothing spent.
            assertThat(c.verifyPin(PinKind.AUTH, "1234".toCharArray()).result()).isEqualTo(Result.BLOCKED);
            assertThat(c.pinStatuses().get(PinKind.AUTH).state()).isEqualTo(State.BLOCKED);
            // The sign password has 5 tries and its own counter.
            assertThat(c.verifyPin(PinKind.SIGN, "WRONG1".toCharArray())).isEqualTo(new PinVerification(PinKind.SIGN, Result.WRONG, 4));
            assertThatThrownBy(() -> c.verifyPin(PinKind.SIGN, "test2025".toCharArray())).hasMessageStartingWith("MDG-PIN-001");
            assertThat(c.pinStatuses().get(PinKind.SIGN).remaining()).isEqualTo(4);
        }
        // §7.10.2: the counter resets the blocked PIN; the holder confirms it.
        try (CardConnection c = opener.open()) {
            c.administer(EmulatedCards.ISSUER_KEY, "pinReset", a -> {
                a.resetPin(PinKind.AUTH, "5678".toCharArray());
                return null;
            });
        }
        try (CardConnection c = opener.open()) {
            assertThat(c.pinStatuses().get(PinKind.AUTH)).isEqualTo(new PinStatus(PinKind.AUTH, State.AVAILABLE, 3));
            assertThat(c.verifyPin(PinKind.AUTH, "5678".toCharArray()).ok()).isTrue();
        }
    }

    /**
     * The holder's own change (§2.3): CHANGE REFERENCE DATA for the JPKI and 入力補助 PINs, CHANGE KEY for
     * 住基, each after VERIFY in the same job; a wrong current PIN costs a try and writes nothing; a
     * blocked PIN is reported without a VERIFY; a TRANSPORT card's PINs are NOT_SET.
     */
    static void holderPinChange(Opener opener) {
        for (PinKind kind : new PinKind[] {PinKind.AUTH, PinKind.CARD_TEXT, PinKind.JUKI}) {
            char[] current = "1234".toCharArray();
            char[] fresh = "4826".toCharArray();
            try (CardConnection c = opener.open()) {
                assertThat(c.changePin(kind, current, fresh)).isEqualTo(new PinVerification(kind, Result.OK, 3));
            }
            assertThat(current).containsOnly('\0');
            assertThat(fresh).containsOnly('\0');
            try (CardConnection c = opener.open()) {
                assertThat(c.verifyPin(kind, "1234".toCharArray())).isEqualTo(new PinVerification(kind, Result.WRONG, 2));
                assertThat(c.verifyPin(kind, "4826".toCharArray()).ok()).isTrue();
                assertThat(c.pinStatuses().get(kind)).isEqualTo(new PinStatus(kind, State.AVAILABLE, 3));
            }
        }
        try (CardConnection c = opener.open()) {
            assertThat(c.changePin(PinKind.SIGN, EmulatedCards.SIGN_PASSWORD.toCharArray(), "NEWPASS9".toCharArray()).ok())
                    .isTrue();
            // A wrong current password: a try spent, the new one not written.
            assertThat(c.changePin(PinKind.SIGN, "TEST2025".toCharArray(), "OTHER123".toCharArray()))
                    .isEqualTo(new PinVerification(PinKind.SIGN, Result.WRONG, 4));
            // Formats are checked before any APDU: nothing spent.
            assertThatThrownBy(() -> c.changePin(PinKind.SIGN, "NEWPASS9".toCharArray(), "newpass9".toCharArray()))
                    .hasMessageStartingWith("MDG-PIN-001");
            assertThatThrownBy(() -> c.changePin(PinKind.AUTH, "4826".toCharArray(), "48a6".toCharArray()))
                    .hasMessageStartingWith("MDG-PIN-002");
            assertThat(c.pinStatuses().get(PinKind.SIGN).remaining()).isEqualTo(4);
        }
        try (CardConnection c = opener.open()) {
            CardSnapshot s = c.read(new ReadRequest(null, "NEWPASS9".toCharArray(), null));
            assertThat(s.signCertificate()).isPresent();
            assertThat(s.pin(PinKind.SIGN).remaining()).isEqualTo(5);
        }
        // A blocked PIN: BLOCKED from the retry query, the right current PIN not even sent.
        try (CardConnection c = opener.open()) {
            for (String wrong : new String[] {"0000", "0001", "0002"}) {
                c.verifyPin(PinKind.JUKI, wrong.toCharArray());
            }
            assertThat(c.changePin(PinKind.JUKI, "4826".toCharArray(), "1111".toCharArray()))
                    .isEqualTo(new PinVerification(PinKind.JUKI, Result.BLOCKED, 0));
        }
    }

    /** A factory card's holder PINs are not set: nothing to change (MDG-READER-014). */
    static void noPinChangeOnAFactoryCard(Opener opener) {
        try (CardConnection c = opener.open()) {
            PinVerification v = c.changePin(PinKind.AUTH, "1234".toCharArray(), "4826".toCharArray());
            assertThat(v.result()).isEqualTo(Result.NOT_SET);
            assertThat(v.failure().code()).isEqualTo("MDG-READER-014");
        }
    }

    /** §7.10.1: a factory card is NOT_SET everywhere, then delivered: 4 PINs set, OPERATIONAL. */
    static void delivery(Opener opener) {
        try (CardConnection c = opener.open()) {
            CardSnapshot s = c.read(new ReadRequest("1234".toCharArray(), null, null));
            assertThat(s.lifeCycle()).contains(CardSnapshot.LifeCycle.TRANSPORT);
            assertThat(s.pins().values()).extracting(PinStatus::state).containsOnly(State.NOT_SET);
            assertThat(s.cardTextPinResult()).get().extracting(PinVerification::result).isEqualTo(Result.NOT_SET);
            assertThat(s.apduCount()).isEqualTo(expectedApdus(s));
        }
        try (CardConnection c = opener.open()) {
            c.administer(EmulatedCards.ISSUER_KEY, "delivery", a -> {
                assertThat(a.lifeCycle()).isEqualTo(CardSnapshot.LifeCycle.TRANSPORT);
                assertThatThrownBy(a::setOperational).hasMessageStartingWith("MDG-READER-016");
                return null;
            });
        }
        try (CardConnection c = opener.open()) {
            c.administer(EmulatedCards.ISSUER_KEY, "delivery", a -> {
                a.resetPin(PinKind.AUTH, "1234".toCharArray());
                a.resetPin(PinKind.SIGN, "TEST2025".toCharArray());
                a.resetPin(PinKind.CARD_TEXT, "1234".toCharArray());
                a.resetPin(PinKind.JUKI, "1234".toCharArray());
                a.setOperational();
                assertThat(a.lifeCycle()).isEqualTo(CardSnapshot.LifeCycle.OPERATIONAL);
                return null;
            });
        }
        try (CardConnection c = opener.open()) {
            assertThat(c.pinStatuses().values()).extracting(PinStatus::state).containsOnly(State.AVAILABLE);
            assertThat(c.verifyPin(PinKind.JUKI, "1234".toCharArray()).ok()).isTrue();
        }
    }

    static void wrongIssuerKeyIsRefusedAndCounted(Opener opener) {
        byte[] wrong = EmulatedCards.ISSUER_KEY.clone();
        wrong[0] ^= 1;
        for (int i = 0; i < 10; i++) {
            try (CardConnection c = opener.open()) {
                assertThatThrownBy(() -> c.administer(wrong, "pinReset", a -> null))
                        .isInstanceOf(CardStatusException.class).hasMessageStartingWith("MDG-READER-012");
            }
        }
        try (CardConnection c = opener.open()) {
            assertThatThrownBy(() -> c.administer(EmulatedCards.ISSUER_KEY, "pinReset", a -> null))
                    .hasMessageStartingWith("MDG-READER-013");
        }
    }

    /** §7.10.3 for both keys: GENERATE, CSR signed by the pending key, write, ACTIVATE, read back. */
    static void certificateRenewal(Opener opener) throws Exception {
        KeyPair ca = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        for (JpkiKey key : JpkiKey.values()) {
            byte[][] issued = new byte[1][];
            try (CardConnection c = opener.open()) {
                c.administer(EmulatedCards.ISSUER_KEY, "renewal", a -> {
                    RSAPublicKey pending = a.generateKeyPair(key);
                    assertThat(pending.getModulus().bitLength()).isEqualTo(2048);
                    byte[] csr = a.certificationRequest(key, pending, new X500Principal("CN=renewal test, C=JP"));
                    issued[0] = issue(ca, csr);
                    a.writeCertificate(key, issued[0]);
                    return null;
                });
            }
            try (CardConnection c = opener.open()) {
                CardSnapshot s = c.read(new ReadRequest(null, EmulatedCards.SIGN_PASSWORD.toCharArray(), null));
                CertificateInfo now = (key == JpkiKey.AUTH ? s.authCertificate() : s.signCertificate()).orElseThrow();
                assertThat(now.derBytes()).isEqualTo(issued[0]);
            }
        }
    }

    /** A certificate that does not fit the pending key: ACTIVATE refuses, the old certificate stays. */
    static void mismatchingCertificateIsRefused(Opener opener) throws Exception {
        KeyPair ca = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        byte[] foreign = certificate(ca, (RSAPublicKey) other.getPublic(), "CN=x");
        byte[] before;
        try (CardConnection c = opener.open()) {
            before = c.read(ReadRequest.withoutPins()).authCertificate().orElseThrow().derBytes();
        }
        try (CardConnection c = opener.open()) {
            assertThatThrownBy(() -> c.administer(EmulatedCards.ISSUER_KEY, "renewal", a -> {
                a.generateKeyPair(JpkiKey.AUTH);
                a.writeCertificate(JpkiKey.AUTH, foreign);
                return null;
            })).isInstanceOf(CardStatusException.class).hasMessageStartingWith("MDG-READER-015");
        }
        try (CardConnection c = opener.open()) {
            assertThat(c.read(ReadRequest.withoutPins()).authCertificate().orElseThrow().derBytes()).isEqualTo(before);
        }
    }

    /** The simulated issuing service: checks the CSR's proof of possession, then certifies its key. */
    static byte[] issue(KeyPair ca, byte[] csrDer) {
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(csrDer);
            RSAPublicKey key = (RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
            assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key)))
                    .as("the card signed the CSR with the pending key").isTrue();
            return certificate(ca, key, csr.getSubject().toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] certificate(KeyPair ca, RSAPublicKey subjectKey, String subject) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new JcaX509v3CertificateBuilder(new X500Name("C=JP, O=Madoguchi Test CA"), BigInteger.valueOf(now.getEpochSecond()),
                Date.from(now), Date.from(now.plus(365, ChronoUnit.DAYS)), new X500Name(subject), subjectKey)
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate())).getEncoded();
    }
}

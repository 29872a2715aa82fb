package jp.madoguchi.sim.card;

import static jp.madoguchi.sim.card.ApduSession.COMMON;
import static jp.madoguchi.sim.card.ApduSession.DIGEST_ABC;
import static jp.madoguchi.sim.card.ApduSession.FACE;
import static jp.madoguchi.sim.card.ApduSession.JPKI;
import static jp.madoguchi.sim.card.ApduSession.JUKI;
import static jp.madoguchi.sim.card.ApduSession.TEXT;
import static jp.madoguchi.sim.card.ApduSession.ascii;
import static jp.madoguchi.sim.card.ApduSession.lc;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.smartcardio.CardTerminal;
import jp.madoguchi.sim.card.vpcd.VpcdCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every command of card-spec.md, with every error status word and the 3/5-try lockouts, sent as raw
 * APDUs over javax.smartcardio (SunPCSC) through pcscd + vpcd to the emulator.
 */
class RawApduPcscTest {
    private VpcdCard vpcd;
    private javax.smartcardio.Card connection;
    private CardProfile profile;

    private ApduSession open(CardProfile p) throws Exception {
        profile = p;
        vpcd = RealStack.insert(new CardSlot(new Card(p, ProfileStore.inMemory(), CardRandom.secure()), Faults.none()), 0);
        CardTerminal t = RealStack.terminal(0);
        connection = t.connect("T=1");
        assertThat(connection.getATR().getBytes()).isEqualTo(Card.ATR);
        return new ApduSession(connection.getBasicChannel(), p.cardKey());
    }

    @AfterEach
    void pull() throws Exception {
        if (connection != null) {
            connection.disconnect(true);
        }
        if (vpcd != null) {
            RealStack.remove(vpcd, 0);
        }
    }

    @Test
    void transportCardClassesSelectionReadingAndRefusals() throws Exception {
        ApduSession s = open(Fixtures.hanako());
        s.expect("00A40000", "6A86");
        s.expect("00A4020C023F00", "6A82");
        s.expect("00A4040C05D392F00026", "6A82");
        s.expect("00A404000AD392F000260100000001", "6A86");
        s.expect("00A4080C023F00", "6A86");
        s.expect("08A4040C0AD392F000260100000001", "6882");
        // logical-channel CLAs (6881) cannot be sent through SunPCSC's basic channel, which rewrites the
        // channel bits: CardCoreTest sends them to the card core.
        s.expect("A0A4040C0AD392F000260100000001", "6E00");
        s.expect("00880000", "6D00");
        s.expect("80AE0000", "6D00");
        s.expect("80060000", "6D00");
        s.expect("00A4040C", "6700");
        s.expect(JPKI, "9000");
        s.expect("00A40000", "9000");
        s.expect("00B0000000", "6986");
        s.expect("00A4020C020099", "6A82");
        s.expect("00A4020C02000A", "9000");
        byte[] head = s.expectSw("00B0000004", "9000");
        assertThat(head).hasSize(4);
        assertThat(head[0]).isEqualTo((byte) 0x30);
        assertThat(head[1]).isEqualTo((byte) 0x82);
        s.expect("00B07F0001", "6B00");
        s.expect("00B000000001 00".replace(" ", ""), "6700");
        s.expect("00B00000", "6700");
        byte[] authCert = readFile(s, "000A");
        assertThat(authCert).isEqualTo(profile.authCertificate());
        s.expect("00A4020C020017", "9000");
        s.expect("00B0000001", "6981");
        s.expect("00A4020C020018", "9000");
        s.expect("00B0000001", "6981");
        s.expect("00A4020C020001", "9000");
        s.expect("00B0000004", "6982");
        s.expect("00B0C00001", "6A86");
        byte[] sfi = s.expectSw("00B08B0002", "9000");
        assertThat(sfi).containsExactly(0x30, 0x82);
        byte[] label = s.expectSw("00B0860020", "9000");
        assertThat(new String(label, java.nio.charset.StandardCharsets.US_ASCII).trim()).isEqualTo("JPKIAPICCTOKEN2");
        s.expect("00B0880003", "8F8F009000");
        s.expect("00200098", "6984");
        s.expect("00200098" + lc(ascii("1234")), "6984");
        s.expect("802A0097" + lc(DIGEST_ABC) + "00", "6985");
        s.expect("802A0197" + lc(DIGEST_ABC) + "00", "6A86");
        s.expect("802A0097" + lc(DIGEST_ABC) + "10", "6700");
        s.expect("00CA010108", "0123456789ABCDEF9000");
        s.expect("00CA010100", "0123456789ABCDEF9000");
        s.expect("00CA010104", "6700");
        s.expect("00CA010201", "019000");
        s.expect("00CA010301", "6A88");
        s.expect("00CA004200", "6A88");
        s.expect("00C0000010", "6985");
        s.expect("002C0298" + lc(ascii("1234")), "6982");
        s.expect("00478000020017" + "00", "6982");
        s.expect("00A4020C02000A", "9000");
        s.expect("00D6000001" + "30", "6982");
        s.expect("00440000", "6982");
        s.expect("80E80001", "6982");
        s.expect("802A00D7" + lc(DIGEST_ABC) + "00", "6982");
        s.expect("00840001" + "10", "6A86");
        s.expect("00840000", "6700");
        assertThat(s.expectSw("0084000000", "9000")).hasSize(256);
        s.expect(TEXT, "9000");
        s.expect("00A4020C020001", "9000");
        s.expect("00B0000000", "6982");
        s.expect(COMMON, "9000");
        byte[] record = s.expectSw("00B2010C00", "9000");
        assertThat(new String(record, 2, 15, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(profile.cardSerial());
        s.expect("00B2020C00", "6A82");
        s.expect("00B2010D00", "6A86");
        s.expect("00B2010C05", "6700");
        s.expect("00CA010108", "6A88");
    }

    @Test
    void adminProtocolErrorsAndDeliveryThenLockouts() throws Exception {
        ApduSession s = open(Fixtures.hanako());
        s.expect(JPKI, "9000");
        s.expect("0082000120" + "00".repeat(32) + "10", "6985");
        s.expectSw("0084000010", "9000");
        s.expect("0082000220" + "00".repeat(32) + "10", "6A86");
        s.expectSw("0084000010", "9000");
        s.expect("008200011F" + "00".repeat(31) + "10", "6700");
        s.expectSw("0084000010", "9000");
        s.expect("0082000120" + "00".repeat(32) + "08", "6700");
        s.expectSw("0084000010", "9000");
        s.expect("0082000120" + "00".repeat(32) + "10", "6300");
        assertThat(profile.adminFailureCount()).isEqualTo(1);
        s.expect(TEXT, "9000");
        s.expectSw("0084000010", "9000");
        s.expect("0082000120" + "00".repeat(32) + "10", "6985");

        s.authenticate();
        assertThat(profile.adminFailureCount()).isZero();
        s.expect("002C0398" + lc(ascii("1234")), "6A86");
        s.expect("002C0298" + lc(ascii("1234")), "6982");
        s.authenticate();
        s.expect("002C0298", "6700");
        s.authenticate();
        s.expect("002C0291" + lc(ascii("1234")), "6A86");
        s.authenticate();
        s.expect("00A4020C02000A", "9000");
        s.expect("002C0280" + lc(ascii("1234")), "6986");
        s.authenticate();
        s.expect("002C0298" + lc(ascii("123")), "6A80");
        s.authenticate();
        s.expect("002C029B" + lc(ascii("test2025")), "6A80");
        s.authenticate();
        s.expect("002C029B" + lc(ascii("TESTTEST")), "6A80");
        s.authenticate();
        s.expect("002C029B" + lc(ascii("TEST1")), "6A80");
        s.authenticate();
        s.expect("002C0298" + lc(ascii("1234")), "9000");
        s.expect("002C029B" + lc(ascii("TEST2025")), "9000");
        s.expect("80E80002", "6A86");
        s.authenticate();
        s.expect("80E80001", "6985");
        s.authenticate();
        s.expect(TEXT, "9000");
        s.expect("002C0291" + lc(ascii("1234")), "9000");
        s.expect(JUKI, "9000");
        s.expect("002C029C" + lc(ascii("1234")), "9000");
        s.expect("80E80001", "9000");
        s.expect("00CA010201", "6A88");
        s.expect(JPKI, "9000");
        s.expect("00CA010201", "029000");
        s.expect("80E80001", "6985");

        // the auth PIN: 3 tries (card-spec.md §9.4)
        s.expect("00A4020C020018", "9000");
        s.expect("00200080", "63C3");
        s.expect("00200080" + lc(ascii("0000")), "63C2");
        s.expect("00200080", "63C2");
        s.expect("00200080" + lc(ascii("1234")), "9000");
        s.expect("00200080", "63C3");
        s.expect("00200080" + lc(ascii("0000")), "63C2");
        s.expect("00200080" + lc(ascii("0000")), "63C1");
        s.expect("00200080" + lc(ascii("0000")), "63C0");
        s.expect("00200080", "63C0");
        s.expect("00200080" + lc(ascii("1234")), "6984");
        assertThat(profile.triesLeft(Credential.AUTH)).isZero();
        // the sign password: 5 tries
        s.expect("0020009B", "63C5");
        for (int left = 4; left >= 0; left--) {
            s.expect("0020009B" + lc(ascii("WRONG123")), String.format("63C%X", left));
        }
        s.expect("0020009B", "63C0");
        s.expect("0020009B" + lc(ascii("TEST2025")), "6984");
        // §7.10.2: the counter resets a blocked PIN
        s.authenticate();
        s.expect("002C0298" + lc(ascii("5678")), "9000");
        s.expect("00200098", "63C3");
        s.expect("00200098" + lc(ascii("5678")), "9000");
        s.expect("002C029B" + lc(ascii("NEW2026A")), "9000");
        s.expect("0020009B" + lc(ascii("NEW2026A")), "9000");
        s.expect("0020019B", "6A86");
        s.expect("002000A0", "6A86");
        s.expect("00200091", "6A82");
        s.expect("00200098" + lc("31".repeat(17)), "6700");
    }

    @Test
    void holderCommandsOnADeliveredCard() throws Exception {
        ApduSession s = open(Fixtures.hanakoOperational());
        s.expect(JPKI, "9000");
        s.expect("802A0097" + lc(DIGEST_ABC) + "00", "6982");
        s.expect("802A0080" + lc(DIGEST_ABC) + "00", "6986");
        s.expect("802A0055" + lc(DIGEST_ABC) + "00", "6A86");
        s.expect("00200098" + lc(ascii("1234")), "9000");
        byte[] sig = s.expectSw("802A0097" + lc(DIGEST_ABC) + "00", "9000");
        assertThat(verifies(profile.authCertificate(), sig)).isTrue();
        s.expect("00A4020C020017", "9000");
        assertThat(s.expectSw("802A0080" + lc(DIGEST_ABC) + "00", "9000")).hasSize(256);
        s.expect("802A0080" + lc("00".repeat(246)) + "00", "6700");
        s.expect("802A009A" + lc(DIGEST_ABC) + "00", "6982");
        s.expect("00A4020C020001", "9000");
        s.expect("00B0000004", "6982");
        s.expect("0020009B" + lc(ascii("TEST2025")), "9000");
        assertThat(readFile(s, "0001")).isEqualTo(profile.signCertificate());
        sig = s.expectSw("802A009A" + lc(DIGEST_ABC) + "00", "9000");
        assertThat(verifies(profile.signCertificate(), sig)).isTrue();
        // SELECT of the same DF logs out (card-spec.md §2.2)
        s.expect(JPKI, "9000");
        s.expect("802A009A" + lc(DIGEST_ABC) + "00", "6982");
        // CHANGE REFERENCE DATA
        s.expect("00240198" + lc(ascii("4321")), "6982");
        s.expect("00200098" + lc(ascii("1234")), "9000");
        s.expect("00240098" + lc(ascii("4321")), "6A86");
        s.expect("00240198", "6700");
        s.expect("00240198" + lc(ascii("43X1")), "6A80");
        s.expect("00240198" + lc(ascii("4321")), "9000");
        s.expect("00200098" + lc(ascii("1234")), "63C2");
        s.expect("00200098" + lc(ascii("4321")), "9000");
        s.expect(JUKI, "9000");
        s.expect("0020009C" + lc(ascii("1234")), "9000");
        s.expect("8032009C" + lc(ascii("9999")), "9000");
        s.expect("0024019C" + lc(ascii("9999")), "6A86");
        s.expect(COMMON, "9000");
        s.expect("0020009C", "6984");
        // 入力補助AP: 照合番号A opens EF 0001 but not EF 0002; 照合番号B opens EF 0002
        s.expect(TEXT, "9000");
        s.expect("00200092", "63C0");
        s.expect("00200092" + lc(ascii("1234")), "6984");
        s.expect("00200094", "63CA");
        s.expect("00200094" + lc(ascii(profile.myNumber())), "9000");
        assertThat(s.expectSw("00B0810000", "9000")).hasSize(17);
        s.expect("00B0820000", "6982");
        assertThat(s.expectSw("00B0830000", "9000")).hasSize(256);
        assertThat(s.expectSw("00B0010000", "9000")).hasSize(336 - 256);
        s.expect("00200095" + lc(ascii(new String(profile.expectedValue(Credential.TEXT_B),
                java.nio.charset.StandardCharsets.US_ASCII))), "9000");
        assertThat(s.expectSw("00B0820000", "9000")).startsWith(0xFF, 0x20);
        byte[] cv = s.expectSw("00B0840000", "9000");
        assertThat(cv).startsWith(0x7F, 0x21, 0x82, 0x02, 0x33);
        assertThat(s.expectSw("802A0000" + lc(DIGEST_ABC) + "00", "9000")).hasSize(256);
        s.expect("802A0001" + lc(DIGEST_ABC) + "00", "6A86");
        // 券面AP: internal authentication, birth-date key, card face
        s.expect(FACE, "9000");
        byte[] challenge = s.expectSw("0084000010", "9000");
        byte[] di = CardFiles.digestInfo(challenge);
        assertThat(s.expectSw("802A0000" + lc(Hex.of(di)) + "00", "9000")).hasSize(256);
        s.expect("00B0810000", "6982");
        s.expect("00200091" + lc(ascii("020505")), "9000");
        assertThat(s.expectSw("00B0810000", "9000")).startsWith(0xFF, 0x10);
        s.expect("00B0820000", "6982");
        s.expect("00200093" + lc(ascii(profile.myNumber())), "9000");
        byte[] face = readFile(s, "0002");
        assertThat(face).startsWith(0xFF, 0x20, 0x82);
        assertThat(s.expectSw("00B0830000", "9000")).startsWith(0xFF, 0x30);
        s.expect("00B0000000 00".replace(" ", ""), "6700");
    }

    @Test
    void signCertificateRenewalOf7103AndItsErrors() throws Exception {
        ApduSession s = open(Fixtures.hanakoOperational());
        byte[] oldCert = profile.signCertificate();
        s.authenticate();
        s.expect(FACE, "9000");
        s.expect("0047800002001A00", "6985");
        s.authenticate();
        s.expect("0047800102001A00", "6A86");
        s.authenticate();
        s.expect("004780000300001A00", "6700");
        s.authenticate();
        s.expect("0047800002001B00", "6A80");
        s.authenticate();
        s.expect("802A00DA" + lc(DIGEST_ABC) + "00", "6A88");
        s.authenticate();
        s.expect("00A4020C020001", "9000");
        s.expect("00440000", "6985");
        s.authenticate();
        byte[] generated = s.expectSw("0047800002001A00", "9000");
        assertThat(generated).hasSize(270);
        assertThat(Hex.of(Arrays.copyOf(generated, 9))).isEqualTo("7F4982010981820100");
        RSAPublicKey pending = TestCa.fromGenerate(generated);
        s.expect("802A01DA" + lc(DIGEST_ABC) + "00", "6A86");
        s.authenticate();
        generated = s.expectSw("0047800002001A00", "9000");
        pending = TestCa.fromGenerate(generated);
        byte[] pop = s.expectSw("802A00DA" + lc(DIGEST_ABC) + "00", "9000");
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(pending);
        v.update("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(v.verify(pop)).isTrue();
        byte[] cert = TestCa.issue(pending, "renewed");
        s.expect("00A4020C020008", "9000");
        s.expect("00D6000001" + "30", "6986");
        s.authenticate();
        generated = s.expectSw("0047800002001A00", "9000");
        pending = TestCa.fromGenerate(generated);
        cert = TestCa.issue(pending, "renewed");
        s.expect("00A4020C020001", "9000");
        s.expect("00D6800001" + "30", "6A86");
        s.authenticate();
        generated = s.expectSw("0047800002001A00", "9000");
        s.expect("00A4020C020001", "9000");
        s.expect("00D60FFF02" + "3030", "6A84");
        s.authenticate();
        byte[] wrong = TestCa.issue(CardFiles.publicOf(profile.authKey()), "wrong key");
        generated = s.expectSw("0047800002001A00", "9000");
        s.expect("00A4020C020001", "9000");
        stage(s, wrong);
        s.expect("00440000", "6A80");
        assertThat(profile.signCertificate()).isEqualTo(oldCert);

        s.authenticate();
        generated = s.expectSw("0047800002001A00", "9000");
        pending = TestCa.fromGenerate(generated);
        cert = TestCa.issue(pending, "renewed");
        s.expect("00A4020C020001", "9000");
        stage(s, cert);
        s.expect("00440001", "6A86");
        s.authenticate();
        generated = s.expectSw("0047800002001A00", "9000");
        pending = TestCa.fromGenerate(generated);
        cert = TestCa.issue(pending, "renewed");
        s.expect("00A4020C020001", "9000");
        stage(s, cert);
        s.expect("00A4020C020008", "9000");
        s.expect("00440000", "6986");
        s.authenticate();
        generated = s.expectSw("0047800002001A00", "9000");
        pending = TestCa.fromGenerate(generated);
        cert = TestCa.issue(pending, "renewed");
        s.expect("00A4020C020001", "9000");
        stage(s, cert);
        s.expect("00440000", "9000");
        assertThat(profile.signCertificate()).isEqualTo(cert);
        assertThat(profile.signKey().getModulus()).isEqualTo(pending.getModulus());
        s.expect("00A4020C020008", "9000");
        s.expect("00B0000003", "8F8F009000");
        s.expect("00A4020C020001", "9000");
        s.expect("00B0000004", "6982");
        s.expect("0020009B" + lc(ascii("TEST2025")), "9000");
        assertThat(readFile(s, "0001")).isEqualTo(cert);
        byte[] sig = s.expectSw("802A009A" + lc(DIGEST_ABC) + "00", "9000");
        assertThat(verifies(cert, sig)).isTrue();
    }

    @Test
    void tenWrongMacsLockAdministrationForGood() throws Exception {
        ApduSession s = open(Fixtures.hanako());
        s.expect(JPKI, "9000");
        for (int i = 1; i <= 10; i++) {
            s.expectSw("0084000010", "9000");
            s.expect("0082000120" + "00".repeat(32) + "10", "6300");
        }
        s.expectSw("0084000010", "9000");
        s.expect("0082000120" + "00".repeat(32) + "10", "6983");
        byte[] nc = s.expectSw("0084000010", "9000");
        byte[] nt = new byte[16];
        byte[] mac = Cmac.compute(profile.cardKey(), Tlv.concat(nc, nt));
        s.expect("0082000120" + Hex.of(nt) + Hex.of(mac) + "10", "6983");
        assertThat(profile.adminFailureCount()).isEqualTo(10);
    }

    @Test
    void aCardVanishingMidCommandLooksLikeARemovalToSunPcsc() throws Exception {
        profile = Fixtures.hanakoOperational();
        vpcd = RealStack.insert(new CardSlot(new Card(profile, ProfileStore.inMemory(), CardRandom.secure()),
                Faults.parse("vanish=3")), 0);
        CardTerminal t = RealStack.terminal(0);
        connection = t.connect("T=1");
        ApduSession s = new ApduSession(connection.getBasicChannel(), profile.cardKey());
        s.expect(JPKI, "9000");
        s.expect("00200098", "63C3");
        javax.smartcardio.CardChannel channel = connection.getBasicChannel();
        // card-spec.md §8.3: vpcd answers 0 bytes and SunPCSC throws IllegalArgumentException
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> channel.transmit(
                new javax.smartcardio.CommandAPDU(Hex.parse("00200098" + lc(ascii("0000"))))))
                .isInstanceOfAny(IllegalArgumentException.class, javax.smartcardio.CardException.class);
        assertThat(t.waitForCardAbsent(20_000)).isTrue();
        assertThat(profile.triesLeft(Credential.AUTH)).as("the unanswered VERIFY was still processed").isEqualTo(2);
        // what a reader does next: reset the dead connection; the next test then inserts a card at once
    }

    /** UPDATE BINARY in 255-byte chunks, as the reader does (card-spec.md §7.8). */
    static void stage(ApduSession s, byte[] der) throws Exception {
        for (int off = 0; off < der.length; off += 255) {
            int n = Math.min(255, der.length - off);
            s.expect(String.format("00D6%04X%02X", off, n) + Hex.of(Arrays.copyOfRange(der, off, off + n)), "9000");
        }
    }

    /** Chunked READ BINARY of a certificate EF, Le=00 per 256-byte chunk (card-spec.md §1.2). */
    static byte[] readFile(ApduSession s, String fid) throws Exception {
        s.expect("00A4020C02" + fid, "9000");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int off = 0; ; off += 256) {
            byte[] r = s.send(String.format("00B0%04X00", off));
            String sw = Hex.of(Arrays.copyOfRange(r, r.length - 2, r.length));
            if (sw.equals("6B00")) {
                break;
            }
            assertThat(sw).isEqualTo("9000");
            out.write(r, 0, r.length - 2);
            if (r.length - 2 < 256) {
                break;
            }
        }
        return out.toByteArray();
    }

    static boolean verifies(byte[] certificate, byte[] signature) throws Exception {
        java.security.cert.Certificate c = java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(certificate));
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(c.getPublicKey());
        v.update("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return v.verify(signature);
    }
}

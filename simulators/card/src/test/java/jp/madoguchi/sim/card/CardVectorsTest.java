package jp.madoguchi.sim.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** card-spec.md §9 test vectors and §7.10 transcripts, straight on the card core (deterministic mode). */
class CardVectorsTest {

    private static String hex(byte[] b) {
        return Hex.of(b);
    }

    private static String send(Card card, String apdu) {
        return hex(card.transmit(Hex.parse(apdu)));
    }

    @Test
    void checkDigitsOfSection9() {
        assertThat(MyNumber.checkDigit("12345678901")).isEqualTo(8);
        assertThat(MyNumber.checkDigit("98765432105")).isZero();
        assertThat(MyNumber.checkDigit("12345678900")).isZero();
        assertThat(MyNumber.checkDigit("24680135792")).isEqualTo(9);
        assertThat(MyNumber.valid("123456789010")).isFalse();
        assertThat(MyNumber.valid("123456789018")).isTrue();
    }

    @Test
    void aesCmacOfRfc4493AndTheAdminKeys() {
        byte[] k = Hex.parse("2B7E151628AED2A6ABF7158809CF4F3C");
        assertThat(hex(Cmac.compute(k, new byte[0]))).isEqualTo("BB1D6929E95937287FA37D129B756746");
        assertThat(hex(Cmac.compute(k, Hex.parse("6BC1BEE22E409F96E93D7E117393172A"))))
                .isEqualTo("070A16B46B4D4144F79BDD9DD04A287C");
        byte[] kCard = Cmac.compute(ProfileGenerator.TEST_ISSUER_KEY, Hex.parse("0123456789ABCDEF"));
        assertThat(hex(kCard)).isEqualTo("F5B4F6711429B35E8C7BF3AB94379AD7");
        byte[] nc = Hex.parse("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF");
        byte[] nt = Hex.parse("B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF");
        assertThat(hex(Cmac.compute(kCard, Tlv.concat(nc, nt)))).isEqualTo("B392D95345BCF7995CCEB027642E47AF");
        assertThat(hex(Cmac.compute(kCard, Tlv.concat(nt, nc)))).isEqualTo("ECBFE8ACAB0E2004C6FAF9CBF2F88E12");
    }

    @Test
    void textApFilesOfSection9() {
        Card card = new Card(Fixtures.hanakoOperational(), ProfileStore.inMemory(), CardRandom.deterministic(1));
        assertThat(send(card, "00A4040C0AD3921000310001010408")).isEqualTo("9000");
        assertThat(send(card, "00A4020C020001")).isEqualTo("9000");
        assertThat(send(card, "00B0000000")).isEqualTo("6982");
        assertThat(send(card, "0020009104" + "31323334")).isEqualTo("9000");
        assertThat(send(card, "00B0000000")).isEqualTo("FF100C313233343536373839303138FFFF9000");
        assertThat(send(card, "00B0820000")).isEqualTo(
                "FF2059DF2108000E0020004D0058DF220FE8A9A6E9A893E38080E88AB1E5AD90"
                + "DF232AE6A8A1E693ACE79C8CE8A68BE69CACE5B882E8A9A6E9A893E794BAEFBC"
                + "91EFBC8DEFBC92EFBC8DEFBC93DF24083139393030353035DF250132" + "9000");
    }

    @Test
    void basisBIsTheEraBirthDateExpiryYearAndSecurityCode() {
        CardProfile p = Fixtures.hanako();
        p.expiryDate = LocalDate.of(2035, 5, 5);
        assertThat(new String(p.expectedValue(Credential.TEXT_B), StandardCharsets.US_ASCII)).isEqualTo("02050520354321");
    }

    @Test
    void verifyRetryQueryOfSection9() {
        Card card = new Card(Fixtures.hanakoOperational(), ProfileStore.inMemory(), CardRandom.deterministic(1));
        send(card, "00A4040C0AD392F000260100000001");
        assertThat(send(card, "00A4020C020018")).isEqualTo("9000");
        assertThat(send(card, "00200080")).isEqualTo("63C3");
        assertThat(send(card, "002000800430303030")).isEqualTo("63C2");
        assertThat(send(card, "00200080")).isEqualTo("63C2");
        assertThat(send(card, "002000800431323334")).isEqualTo("9000");
        assertThat(send(card, "00200080")).isEqualTo("63C3");
        assertThat(send(card, "002000800430303030")).isEqualTo("63C2");
        assertThat(send(card, "002000800430303030")).isEqualTo("63C1");
        assertThat(send(card, "002000800430303030")).isEqualTo("63C0");
        assertThat(send(card, "00200080")).isEqualTo("63C0");
        assertThat(send(card, "002000800431323334")).isEqualTo("6984");
    }

    @Test
    void deliveryTranscriptOf7101() {
        CardProfile p = Fixtures.hanako();
        Card card = new Card(p, ProfileStore.inMemory(), CardRandom.deterministic(1));
        auth(card);
        assertThat(send(card, "00CA010201")).isEqualTo("019000");
        assertThat(send(card, "002C02980431323334")).isEqualTo("9000");
        assertThat(send(card, "002C029B085445535432303235")).isEqualTo("9000");
        assertThat(send(card, "00A4040C0AD3921000310001010408")).isEqualTo("9000");
        assertThat(send(card, "002C02910431323334")).isEqualTo("9000");
        assertThat(send(card, "00A4040C0AD3921000310001010401")).isEqualTo("9000");
        assertThat(send(card, "002C029C0431323334")).isEqualTo("9000");
        assertThat(send(card, "80E80001")).isEqualTo("9000");
        assertThat(send(card, "00A4040C0AD392F000260100000001")).isEqualTo("9000");
        assertThat(send(card, "00200098")).isEqualTo("63C3");
        assertThat(p.lifeCycle()).isEqualTo(LifeCycle.OPERATIONAL);
    }

    /** The AUTH block of §7.10, byte for byte. */
    static void auth(Card card) {
        assertThat(send(card, "00A4040C0AD392F000260100000001")).isEqualTo("9000");
        assertThat(send(card, "00CA010108")).isEqualTo("0123456789ABCDEF9000");
        assertThat(send(card, "0084000010")).isEqualTo("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF9000");
        assertThat(send(card, "0082000120B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFB392D95345BCF7995CCEB027642E47AF10"))
                .isEqualTo("ECBFE8ACAB0E2004C6FAF9CBF2F88E129000");
    }

    @Test
    void flippedMacIsRefusedAndClearsAdminState() {
        CardProfile p = Fixtures.hanako();
        Card card = new Card(p, ProfileStore.inMemory(), CardRandom.deterministic(1));
        send(card, "00A4040C0AD392F000260100000001");
        send(card, "0084000010");
        assertThat(send(card, "0082000120B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFB392D95345BCF7995CCEB027642E47AE10"))
                .isEqualTo("6300");
        assertThat(p.adminFailureCount()).isEqualTo(1);
        assertThat(send(card, "002C02980431323334")).isEqualTo("6982");
        auth(card);
        assertThat(p.adminFailureCount()).isZero();
    }

    @Test
    void generateFramingOfSection9() {
        Card card = new Card(Fixtures.hanako(), ProfileStore.inMemory(), CardRandom.deterministic(1));
        auth(card);
        byte[] first = card.transmit(Hex.parse("00478000020017" + "00"));
        assertThat(first).hasSize(258);
        assertThat(hex(Arrays.copyOf(first, 9))).isEqualTo("7F4982010981820100");
        assertThat(hex(Arrays.copyOfRange(first, 256, 258))).isEqualTo("610E");
        byte[] rest = card.transmit(Hex.parse("00C000000E"));
        assertThat(rest).hasSize(16);
        assertThat(hex(Arrays.copyOfRange(rest, 9, 16))).isEqualTo("820301000190" + "00");
        assertThat(send(card, "00C000000E")).isEqualTo("6985");
    }

    @Test
    void signatureVerifiesWithTheCertificate() throws Exception {
        CardProfile p = Fixtures.hanakoOperational();
        Card card = new Card(p, ProfileStore.inMemory(), CardRandom.deterministic(1));
        send(card, "00A4040C0AD392F000260100000001");
        String di = "3031300D060960864801650304020105000420BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
        assertThat(send(card, "802A009733" + di + "00")).isEqualTo("6982");
        assertThat(send(card, "002000980431323334")).isEqualTo("9000");
        byte[] answer = card.transmit(Hex.parse("802A009733" + di + "00"));
        assertThat(answer).hasSize(258);
        java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(p.authCertificate()));
        java.security.Signature v = java.security.Signature.getInstance("SHA256withRSA");
        v.initVerify(cert.getPublicKey());
        v.update("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(v.verify(Arrays.copyOf(answer, 256))).isTrue();
    }
}

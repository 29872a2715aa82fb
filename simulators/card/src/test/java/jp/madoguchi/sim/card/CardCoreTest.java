package jp.madoguchi.sim.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What SunPCSC cannot send (channel CLAs, malformed APDUs), persistence, and the profile loader's checks. */
class CardCoreTest {

    private static String send(Card card, String apdu) {
        return Hex.of(card.transmit(Hex.parse(apdu)));
    }

    @Test
    void classByteChecksComeBeforeEverythingElse() {
        Card card = new Card(Fixtures.hanako(), ProfileStore.inMemory(), CardRandom.secure());
        for (String cla : new String[] {"01", "02", "03", "81", "82", "83", "40", "5F", "7F"}) {
            assertThat(send(card, cla + "A4040C0AD392F000260100000001")).as(cla).isEqualTo("6881");
        }
        assertThat(send(card, "08B0000000")).isEqualTo("6882");
        assertThat(send(card, "0CB0000000")).isEqualTo("6E00");
        assertThat(send(card, "84B0000000")).isEqualTo("6E00");
        assertThat(send(card, "FFB0000000")).isEqualTo("6E00");
    }

    @Test
    void malformedAndExtendedApdusGet6700() {
        Card card = new Card(Fixtures.hanako(), ProfileStore.inMemory(), CardRandom.secure());
        assertThat(send(card, "")).isEqualTo("6700");
        assertThat(send(card, "00")).isEqualTo("6700");
        assertThat(send(card, "00A404")).isEqualTo("6700");
        assertThat(send(card, "00A4040C0AD392F0")).isEqualTo("6700");
        assertThat(send(card, "00B00000000100")).isEqualTo("6700");
        assertThat(send(card, "00A4040C00000AD392F000260100000001")).isEqualTo("6700");
    }

    @Test
    void aCardPutBackInTheDrawerKeepsItsCounters(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("card.json");
        Files.write(file, ProfileCodec.write(Fixtures.hanakoOperational()));
        Card card = new Card(ProfileStore.load(file), ProfileStore.file(file), CardRandom.secure());
        send(card, ApduSession.JPKI);
        assertThat(send(card, "0020009804" + ApduSession.ascii("0000"))).isEqualTo("63C2");
        assertThat(send(card, "0020009B08" + ApduSession.ascii("WRONG999"))).isEqualTo("63C4");
        card.reset();

        Card again = CardSlot.ofProfile(file, Faults.none()).card();
        send(again, ApduSession.JPKI);
        assertThat(send(again, "00200098")).isEqualTo("63C2");
        assertThat(send(again, "0020009B")).isEqualTo("63C4");
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void trainingModeBlocksAPinLikeTheHolderWould() {
        CardProfile p = Fixtures.hanakoOperational();
        Card card = new Card(p, ProfileStore.inMemory(), CardRandom.secure());
        send(card, ApduSession.JPKI);
        assertThat(send(card, "0020009804" + ApduSession.ascii("1234"))).isEqualTo("9000");
        card.block(Credential.AUTH);
        assertThat(send(card, "00200098")).isEqualTo("63C0");
        assertThat(send(card, "0020009804" + ApduSession.ascii("1234"))).isEqualTo("6984");
        assertThat(send(card, "802A009733" + ApduSession.DIGEST_ABC + "00")).isEqualTo("6982");
    }

    @Test
    void changeReferenceDataRefusesWhatTheFormatForbidsAndKeepsTheOldValue() {
        Card card = new Card(Fixtures.hanakoOperational(), ProfileStore.inMemory(), CardRandom.secure());
        send(card, ApduSession.JPKI);
        assertThat(send(card, "0024019B08" + ApduSession.ascii("NEWPASS9"))).isEqualTo("6982");
        assertThat(send(card, "0020009B08" + ApduSession.ascii("TEST2025"))).isEqualTo("9000");
        // 住基's CHANGE KEY does not apply to a JPKI key.
        assertThat(send(card, "8032009B08" + ApduSession.ascii("NEWPASS9"))).isEqualTo("6A86");
        for (String refused : new String[] {"newpass9", "NEWPASSW", "12345678", "AB12", "ABCDEFGHIJKLMNOP1", "NEW-PASS9"}) {
            assertThat(send(card, "0024019B" + ApduSession.lc(ApduSession.ascii(refused)))).as(refused).isEqualTo("6A80");
        }
        assertThat(send(card, "0020009B")).isEqualTo("63C5");
        assertThat(send(card, "0024019B08" + ApduSession.ascii("NEWPASS9"))).isEqualTo("9000");
        send(card, ApduSession.JPKI);
        assertThat(send(card, "0020009B08" + ApduSession.ascii("TEST2025"))).isEqualTo("63C4");
        assertThat(send(card, "0020009B08" + ApduSession.ascii("NEWPASS9"))).isEqualTo("9000");
        assertThat(send(card, "0020009B")).isEqualTo("63C5");
    }

    @Test
    void aKeyBlockedAfterItsVerificationCannotBeChanged() {
        Card card = new Card(Fixtures.hanakoOperational(), ProfileStore.inMemory(), CardRandom.secure());
        send(card, ApduSession.JPKI);
        assertThat(send(card, "0020009804" + ApduSession.ascii("1234"))).isEqualTo("9000");
        for (String wrong : new String[] {"0000", "0001", "0002"}) {
            send(card, "0020009804" + ApduSession.ascii(wrong));
        }
        assertThat(send(card, "00200098")).isEqualTo("63C0");
        assertThat(send(card, "0024019804" + ApduSession.ascii("4826"))).isEqualTo("6984");
        assertThat(send(card, "00200098")).isEqualTo("63C0");
    }

    @Test
    void noChangeOnATransportCard() {
        Card card = new Card(Fixtures.hanako(), ProfileStore.inMemory(), CardRandom.secure());
        send(card, ApduSession.JUKI);
        assertThat(send(card, "0020009C04" + ApduSession.ascii("1234"))).isEqualTo("6984");
        assertThat(send(card, "8032009C04" + ApduSession.ascii("4826"))).isEqualTo("6982");
    }

    @Test
    void theLoaderRefusesWhatTheFormatForbids() {
        String good = new String(ProfileCodec.write(Fixtures.hanako()), StandardCharsets.UTF_8);
        assertThat(ProfileCodec.parse(good.getBytes(StandardCharsets.UTF_8)).myNumber()).isEqualTo("123456789018");
        assertRefused(good.replace("\"123456789018\"", "\"123456789010\""), "holder.myNumber");
        assertRefused(good.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"), "formatVersion");
        assertRefused(good.replace("\"sex\" : 2", "\"sex\" : 3"), "holder.sex");
        assertRefused(good.replace("\"lifeCycle\" : \"TRANSPORT\"", "\"lifeCycle\" : \"DEAD\""), "lifeCycle");
        assertRefused(good.replace("\"holder\" : {", "\"holder\" : { \"nickname\" : \"x\","), "holder.nickname");
        assertRefused(good.replace("\"failureCount\" : 0", "\"failureCount\" : 11"), "admin.failureCount");
        assertRefused(good.replace("\"pending\" : {\n    \"auth\" : null", "\"pending\" : {\n    \"auth\" : \"AA==\""),
                "pending.auth");
        assertRefused("[]", "one JSON object");
        assertRefused("{", "not JSON");
        CardProfile p = Fixtures.hanako();
        p.pinValues.put(Credential.AUTH, "12a4".getBytes(StandardCharsets.US_ASCII));
        assertRefused(new String(ProfileCodec.write(p), StandardCharsets.UTF_8), "pins.AUTH.value");
        CardProfile swapped = Fixtures.hanako();
        swapped.signCertificate = swapped.authCertificate;
        assertRefused(new String(ProfileCodec.write(swapped), StandardCharsets.UTF_8), "certificates.sign");
    }

    private static void assertRefused(String json, String field) {
        assertThatThrownBy(() -> ProfileCodec.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadProfileException.class).hasMessageContaining(field);
    }

    @Test
    void childCardHasNoSignCertificateAndGoesOperationalWithoutASignPassword() {
        CardProfile p = Fixtures.child();
        assertThat(p.signCertificate()).isNull();
        assertThat(p.expiryDate).isEqualTo(java.time.LocalDate.of(2029, 8, 20));
        Card card = new Card(p, ProfileStore.inMemory(), CardRandom.secure());
        send(card, ApduSession.JPKI);
        assertThat(send(card, "00B0880003")).isEqualTo("008F009000");
        assertThat(send(card, "00A4020C020001")).isEqualTo("9000");
        ApduSessionless.authenticate(card, p);
        for (String[] pin : new String[][] {{ApduSession.JPKI, "98"}, {ApduSession.TEXT, "91"}, {ApduSession.JUKI, "9C"}}) {
            assertThat(send(card, pin[0])).isEqualTo("9000");
            assertThat(send(card, "002C02" + pin[1] + "04" + ApduSession.ascii("1234"))).isEqualTo("9000");
        }
        assertThat(send(card, "80E80001")).isEqualTo("9000");
        send(card, ApduSession.JPKI);
        assertThat(send(card, "0020009B")).isEqualTo("6984");
        assertThat(send(card, "00200098")).isEqualTo("63C3");
    }

    @Test
    void validityFollowsTheExampleOfSection98() {
        CardProfile p = Fixtures.hanako();
        assertThat(p.expiryDate).isEqualTo(java.time.LocalDate.of(2035, 5, 5));
        assertThat(ProfileGenerator.birthdayAfter(java.time.LocalDate.of(2000, 2, 29), java.time.LocalDate.of(2025, 6, 1), 1))
                .isEqualTo(java.time.LocalDate.of(2026, 2, 28));
    }

    /** EXTERNAL AUTHENTICATE on the core without a javax.smartcardio channel. */
    static final class ApduSessionless {
        private ApduSessionless() {
        }

        static void authenticate(Card card, CardProfile p) {
            assertThat(send(card, ApduSession.JPKI)).isEqualTo("9000");
            byte[] r = card.transmit(Hex.parse("0084000010"));
            byte[] nc = java.util.Arrays.copyOf(r, 16);
            byte[] nt = new byte[16];
            byte[] mac = Cmac.compute(p.cardKey(), Tlv.concat(nc, nt));
            assertThat(send(card, "0082000120" + Hex.of(nt) + Hex.of(mac) + "10")).endsWith("9000");
        }
    }
}

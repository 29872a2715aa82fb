package jp.madoguchi.sim.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import jp.madoguchi.sim.central.factory.ResidentGenerator;
import jp.madoguchi.sim.central.pki.AesCmac;
import org.junit.jupiter.api.Test;

/** card-spec §9.1 and §9.5 vectors: the factory's check digits and K_card diversification. */
class KeyDerivationTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void aes_cmac_matches_rfc_4493() {
        byte[] key = hex("2B7E1516 28AED2A6 ABF71588 09CF4F3C");
        assertThat(AesCmac.mac(key, new byte[0])).isEqualTo(hex("BB1D6929 E9593728 7FA37D12 9B756746"));
        assertThat(AesCmac.mac(key, hex("6BC1BEE2 2E409F96 E93D7E11 7393172A"))).isEqualTo(hex("070A16B4 6B4D4144 F79BDD9D D04A287C"));
    }

    @Test
    void card_key_and_macs_match_the_admin_vectors() {
        byte[] issuer = hex("000102030405060708090A0B0C0D0E0F");
        byte[] kCard = AesCmac.mac(issuer, hex("0123456789ABCDEF"));
        assertThat(kCard).isEqualTo(hex("F5B4F6711429B35E8C7BF3AB94379AD7"));
        byte[] nc = hex("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF");
        byte[] nt = hex("B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF");
        byte[] ncNt = new byte[32];
        System.arraycopy(nc, 0, ncNt, 0, 16);
        System.arraycopy(nt, 0, ncNt, 16, 16);
        assertThat(AesCmac.mac(kCard, ncNt)).isEqualTo(hex("B392D95345BCF7995CCEB027642E47AF"));
    }

    @Test
    void check_digits_match_the_vectors() {
        assertThat(ResidentGenerator.checkDigit("12345678901")).isEqualTo(8);
        assertThat(ResidentGenerator.checkDigit("98765432105")).isZero();
        assertThat(ResidentGenerator.checkDigit("12345678900")).isZero();
        assertThat(ResidentGenerator.checkDigit("24680135792")).isEqualTo(9);
    }
}

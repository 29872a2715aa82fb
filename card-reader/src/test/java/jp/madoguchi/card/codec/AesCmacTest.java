package jp.madoguchi.card.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 4493 and card-spec §9.5. */
class AesCmacTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc4493_vectors() {
        byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        assertThat(HEX.formatHex(new AesCmac(key).mac(new byte[0]))).isEqualTo("bb1d6929e95937287fa37d129b756746");
        assertThat(HEX.formatHex(new AesCmac(key).mac(HEX.parseHex("6bc1bee22e409f96e93d7e117393172a"))))
                .isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
        // RFC 4493 example 3 (40 bytes) and 4 (64 bytes): the partial and multi-block paths.
        String m64 = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
        assertThat(HEX.formatHex(new AesCmac(key).mac(HEX.parseHex(m64.substring(0, 80)))))
                .isEqualTo("dfa66747de9ae63030ca32611497c827");
        assertThat(HEX.formatHex(new AesCmac(key).mac(HEX.parseHex(m64)))).isEqualTo("51f0bebf7e3b9d92fc49741779363cfe");
    }

    @Test
    void admin_protocol_vectors_of_card_spec_9_5() {
        byte[] issuer = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] sn = HEX.parseHex("0123456789abcdef");
        byte[] nc = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        byte[] nt = HEX.parseHex("b0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
        byte[] kCard = AesCmac.mac(issuer, sn);
        assertThat(HEX.formatHex(kCard)).isEqualTo("f5b4f6711429b35e8c7bf3ab94379ad7");
        assertThat(HEX.formatHex(AesCmac.mac(kCard, nc, nt))).isEqualTo("b392d95345bcf7995cceb027642e47af");
        assertThat(HEX.formatHex(AesCmac.mac(kCard, nt, nc))).isEqualTo("ecbfe8acab0e2004c6faf9cbf2f88e12");
    }
}

package jp.madoguchi.card;

import java.util.List;
import jp.madoguchi.card.codec.Tlv;

/**
 * 券面AP EF 0003 (§2.8), the free part of the card-face application: key ID, version and the 5-digit
 * municipality code. The rest of the card face needs 照合番号A/B, which a counter read does not use.
 */
public record CardFaceInfo(String keyIdHex, String versionHex, String municipalityCode) {

    public static CardFaceInfo parse(byte[] ef) {
        Tlv outer = Tlv.read(ef, 0, ef.length);
        if (outer.tag() != 0xFF30) {
            throw new MalformedResponseException("card-face info: expected FF30");
        }
        List<Tlv> children = Tlv.children(ef, outer);
        String municipality = BasicInfo.ascii(Tlv.find(children, 0xDF34).value(ef), "municipality code");
        return new CardFaceInfo(upperHex(Tlv.find(children, 0xDF32).value(ef)),
                upperHex(Tlv.find(children, 0xDF33).value(ef)), municipality);
    }

    private static final byte[] DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    /**
     * Upper-case hex by hand: this runs once per read, too seldom for the JIT, and {@code HexFormat}
     * (used nowhere else on the read's path) ran cold through its builder and formatter.
     */
    private static String upperHex(byte[] bytes) {
        byte[] out = new byte[2 * bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0x0F];
            out[2 * i + 1] = DIGITS[bytes[i] & 0x0F];
        }
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }
}

package jp.madoguchi.card;

import java.util.HexFormat;
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
        HexFormat hex = HexFormat.of().withUpperCase();
        String municipality = BasicInfo.ascii(Tlv.find(children, 0xDF34).value(ef), "municipality code");
        return new CardFaceInfo(hex.formatHex(Tlv.find(children, 0xDF32).value(ef)),
                hex.formatHex(Tlv.find(children, 0xDF33).value(ef)), municipality);
    }
}

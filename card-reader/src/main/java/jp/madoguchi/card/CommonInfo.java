package jp.madoguchi.card;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import jp.madoguchi.card.codec.Tlv;

/**
 * 共通AP EF 0001 record 1 (§2.9): the 15-digit card serial (the card's identity outside the chip),
 * the issuing municipality code and the card's expiry date.
 */
public record CommonInfo(String cardSerial, String municipalityCode, LocalDate cardExpiry) {

    public static CommonInfo parse(byte[] record) {
        Tlv tlv = Tlv.read(record, 0, record.length);
        if (tlv.tag() != 0x01 || tlv.length() != 28) {
            throw new MalformedResponseException("common record: expected tag 01 of 28 bytes");
        }
        byte[] value = tlv.value(record);
        BasicInfo.requireDigits(value, "common record: not digits");
        LocalDate expiry = BasicInfo.yyyymmdd(Arrays.copyOfRange(value, 20, 28), "common record: expiry");
        String digits = new String(value, 0, 20, StandardCharsets.US_ASCII);
        return new CommonInfo(digits.substring(0, 15), digits.substring(15, 20), expiry);
    }
}

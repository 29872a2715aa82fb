package jp.madoguchi.card;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import jp.madoguchi.card.codec.Tlv;

/**
 * 共通AP EF 0001 record 1 (§2.9): the 15-digit card serial (the card's identity outside the chip),
 * the issuing municipality code and the card's expiry date.
 */
public record CommonInfo(String cardSerial, String municipalityCode, LocalDate cardExpiry) {

    /** Compiled once: building the pattern cost more than the rest of the parse (measured in a read's gaps). */
    private static final DateTimeFormatter YYYYMMDD =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    public static CommonInfo parse(byte[] record) {
        Tlv tlv = Tlv.read(record, 0, record.length);
        if (tlv.tag() != 0x01 || tlv.length() != 28) {
            throw new MalformedResponseException("common record: expected tag 01 of 28 bytes");
        }
        String digits = BasicInfo.ascii(tlv.value(record), "common record");
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedResponseException("common record: not digits");
        }
        try {
            LocalDate expiry = LocalDate.parse(digits.substring(20), YYYYMMDD);
            return new CommonInfo(digits.substring(0, 15), digits.substring(15, 20), expiry);
        } catch (DateTimeParseException e) {
            throw new MalformedResponseException("common record: expiry is not a date", e);
        }
    }
}

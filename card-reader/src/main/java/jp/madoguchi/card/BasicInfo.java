package jp.madoguchi.card;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import jp.madoguchi.card.codec.Tlv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 基本4情報 from 入力補助 EF 0002, Unicode exactly as stored (variation selectors, U+3000 and full-width
 * digits included; nothing is normalised or trimmed).
 *
 * @param sexCode the raw DF25 code, kept because codes other than 1/2 exist on real cards
 */
public record BasicInfo(String name, String address, LocalDate birthDate, Sex sex, String sexCode) {

    private static final Logger LOG = LoggerFactory.getLogger(BasicInfo.class);

    /**
     * Parses EF 0002. The outer {@code FF 20} may sit after up to 2 extra bytes (newer cards, §2.7); the
     * children are found by TLV and DF21 only cross-checks them.
     */
    public static BasicInfo parse(byte[] ef) {
        Tlv outer = Tlv.ff20(ef, "basic info");
        List<Tlv> children = Tlv.children(ef, outer);
        Tlv name = Tlv.find(children, 0xDF22);
        Tlv address = Tlv.find(children, 0xDF23);
        Tlv birth = Tlv.find(children, 0xDF24);
        Tlv sex = Tlv.find(children, 0xDF25);
        crossCheckOffsets(ef, children, List.of(name, address, birth, sex));
        LocalDate birthDate = yyyymmdd(birth.value(ef), "basic info: birth date");
        String sexCode = ascii(sex.value(ef), "sex");
        return new BasicInfo(utf8(name.value(ef), "name"), utf8(address.value(ef), "address"), birthDate,
                Sex.fromCode(sexCode), sexCode);
    }

    private static void crossCheckOffsets(byte[] ef, List<Tlv> children, List<Tlv> fields) {
        for (Tlv child : children) {
            if (child.tag() == 0xDF21 && child.length() == 8) {
                byte[] table = child.value(ef);
                for (int i = 0; i < 4; i++) {
                    int offset = ((table[2 * i] & 0xFF) << 8) | (table[2 * i + 1] & 0xFF);
                    if (offset != fields.get(i).start()) {
                        LOG.warn("basic info: DF21 offset {} is {}, the TLV is at {}; using the TLV", i, offset,
                                fields.get(i).start());
                    }
                }
            }
        }
    }

    /**
     * Strict UTF-8: the JDK's lenient decoding puts U+FFFD for every malformed sequence (overlong forms and
     * encoded surrogates included), so the text is well-formed exactly when it encodes back to the same
     * bytes. Both directions are the JDK's own hot paths; a reporting {@code CharsetDecoder} ran cold in
     * every read (measured: half of the basic info's parse).
     */
    static String utf8(byte[] bytes, String what) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new MalformedResponseException(what + ": not UTF-8");
        }
        return text;
    }

    /**
     * An 8-digit ASCII {@code YYYYMMDD} date, strictly (a day the month does not have is refused). Read by
     * hand: a read runs a few times a minute at most, so its code stays cold, and a
     * {@code DateTimeFormatter} parse costs 0.1–0.3 ms when not compiled (measured in a read's gaps).
     */
    static LocalDate yyyymmdd(byte[] digits, String what) {
        if (digits.length != 8) {
            throw new MalformedResponseException(what + " is not YYYYMMDD");
        }
        requireDigits(digits, what + " is not YYYYMMDD");
        int value = 0;
        for (byte b : digits) {
            value = value * 10 + (b - '0');
        }
        try {
            return LocalDate.of(value / 10000, value / 100 % 100, value % 100);
        } catch (DateTimeException e) {
            throw new MalformedResponseException(what + " is not YYYYMMDD", e);
        }
    }

    /** Every byte an ASCII digit, else a malformed response saying {@code problem}. */
    static void requireDigits(byte[] bytes, String problem) {
        for (byte b : bytes) {
            if (b < '0' || b > '9') {
                throw new MalformedResponseException(problem);
            }
        }
    }

    static String ascii(byte[] bytes, String what) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7E) {
                throw new MalformedResponseException(what + ": not printable ASCII");
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "BasicInfo[personal data withheld]";
    }
}

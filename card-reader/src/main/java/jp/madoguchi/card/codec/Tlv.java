package jp.madoguchi.card.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.madoguchi.card.MalformedResponseException;

/**
 * One BER-TLV element inside a byte array (card-spec §2.6–§2.8): tag of 1–3 bytes, definite length
 * of up to 3 length bytes, value bounded by the enclosing data. Every malformed input gives
 * {@link MalformedResponseException}; no index is trusted before it is checked.
 *
 * @param tag         the tag bytes as an int (e.g. 0xFF20, 0xDF22, 0x30)
 * @param start       offset of the tag byte
 * @param valueOffset offset of the first value byte
 * @param length      value length
 */
public record Tlv(int tag, int start, int valueOffset, int length) {

    /** Largest value any EF can hold: offsets are 15-bit (card-spec §1.2). */
    public static final int MAX_LENGTH = 0x7FFF;

    public int end() {
        return valueOffset + length;
    }

    public byte[] value(byte[] data) {
        return Arrays.copyOfRange(data, valueOffset, end());
    }

    /** The TLV starting at {@code offset}, whose end must not pass {@code limit}. */
    public static Tlv read(byte[] data, int offset, int limit) {
        Header header = header(data, offset, limit);
        if (header.length() > limit - header.valueOffset()) {
            throw new MalformedResponseException("TLV length " + header.length() + " beyond the data at " + offset);
        }
        return new Tlv(header.tag(), offset, header.valueOffset(), header.length());
    }

    /**
     * Tag and length only, without requiring the value to be present: used on the first chunk of an
     * EF to learn how many bytes to read.
     */
    public static Header header(byte[] data, int offset, int limit) {
        if (data == null || offset < 0 || limit > data.length || offset >= limit) {
            throw new MalformedResponseException("TLV expected at " + offset + ", no data");
        }
        int pos = offset;
        int tag = data[pos++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            int more = 0;
            int b;
            do {
                if (pos >= limit) {
                    throw new MalformedResponseException("truncated tag at " + offset);
                }
                if (++more > 2) {
                    throw new MalformedResponseException("tag longer than 3 bytes at " + offset);
                }
                b = data[pos++] & 0xFF;
                tag = (tag << 8) | b;
            } while ((b & 0x80) != 0);
        }
        if (pos >= limit) {
            throw new MalformedResponseException("truncated length at " + offset);
        }
        int first = data[pos++] & 0xFF;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 2) {
                throw new MalformedResponseException("unsupported length form " + Integer.toHexString(first));
            }
            if (limit - pos < count) {
                throw new MalformedResponseException("truncated length at " + offset);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (data[pos++] & 0xFF);
            }
        }
        if (length > MAX_LENGTH) {
            throw new MalformedResponseException("absurd TLV length " + length);
        }
        return new Header(tag, pos, length);
    }

    /**
     * The {@code FF 20} record of an EF 0002 (入力補助AP basic info, 券面AP card face): it may sit after up
     * to 2 extra bytes on newer cards (card-spec §2.7). {@code what} names the EF in the exception.
     */
    public static Tlv ff20(byte[] ef, String what) {
        for (int i = 0; i + 1 < Math.min(ef.length, 4); i++) {
            if ((ef[i] & 0xFF) == 0xFF && (ef[i + 1] & 0xFF) == 0x20) {
                return read(ef, i, ef.length);
            }
        }
        throw new MalformedResponseException(what + ": no FF20 in the first 4 bytes");
    }

    /** Children of a constructed value, in order. */
    public static List<Tlv> children(byte[] data, Tlv parent) {
        List<Tlv> result = new ArrayList<>();
        int pos = parent.valueOffset();
        while (pos < parent.end()) {
            Tlv child = read(data, pos, parent.end());
            result.add(child);
            pos = child.end();
        }
        return result;
    }

    /** The first child with {@code tag}, or a typed error naming the tag. */
    public static Tlv find(List<Tlv> children, int tag) {
        for (Tlv child : children) {
            if (child.tag() == tag) {
                return child;
            }
        }
        throw new MalformedResponseException("tag " + Integer.toHexString(tag) + " missing");
    }

    /** Tag, where the value starts and how long it is. */
    public record Header(int tag, int valueOffset, int length) {
        /** Total encoded size of the element. */
        public int totalLength() {
            return valueOffset + length;
        }
    }
}

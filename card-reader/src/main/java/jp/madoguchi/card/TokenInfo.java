package jp.madoguchi.card;

/**
 * JPKI EF 0006 (§2.6): only the 32-byte label is used (JPKIAPICCTOKEN2 for the My Number Card).
 */
public record TokenInfo(String label) {

    public static TokenInfo parse(byte[] ef) {
        if (ef.length < 32) {
            throw new MalformedResponseException("token info shorter than its 32-byte label");
        }
        byte[] label = java.util.Arrays.copyOf(ef, 32);
        return new TokenInfo(BasicInfo.ascii(label, "token label").stripTrailing());
    }

    public boolean isMyNumberCard() {
        return "JPKIAPICCTOKEN2".equals(label);
    }
}

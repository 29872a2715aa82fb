package jp.madoguchi.sim.card;

import java.util.HexFormat;

/** Hex text of byte arrays, upper case, no separators (the profile format and log lines use it). */
public final class Hex {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    /** Parses hex with optional spaces; throws IllegalArgumentException on anything else. */
    public static byte[] parse(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }
}

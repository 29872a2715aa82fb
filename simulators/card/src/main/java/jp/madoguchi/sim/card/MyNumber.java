package jp.madoguchi.sim.card;

/** The My Number check digit (card-spec.md §5); the card itself never checks it, the profile loader does. */
public final class MyNumber {
    private MyNumber() {
    }

    /** Check digit of 11 leading digits. */
    public static int checkDigit(String eleven) {
        int s = 0;
        for (int n = 1; n <= 11; n++) {
            int digit = eleven.charAt(11 - n) - '0';
            int weight = n <= 6 ? n + 1 : n - 5;
            s += digit * weight;
        }
        int r = s % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    public static boolean valid(String twelve) {
        return twelve.matches("[0-9]{12}") && checkDigit(twelve.substring(0, 11)) == twelve.charAt(11) - '0';
    }
}

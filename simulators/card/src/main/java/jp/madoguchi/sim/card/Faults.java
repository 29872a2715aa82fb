package jp.madoguchi.sim.card;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Fault injection settings of one inserted card, immutable. Written as text for the CLI
 * ({@code --faults "vanish=12,slow=200,corrupt=0.2:truncate+flip,6f00=0.05,refuse-ea,seed=7"}):
 * <ul>
 * <li>{@code vanish=N}: the N-th APDU is processed by the card, then the card is pulled before it answers;</li>
 * <li>{@code slow=MS}: every answer is delayed by MS milliseconds;</li>
 * <li>{@code corrupt=P[:kinds]}: each answer with data is corrupted with probability P, kinds from
 *     {@code truncate flip length tlv} (default all);</li>
 * <li>{@code 6f00=P}: each APDU is answered 6F00 with probability P, without reaching the card;</li>
 * <li>{@code refuse-ea}: EXTERNAL AUTHENTICATE is answered 6983 without reaching the card;</li>
 * <li>{@code seed=S}: the seed of every random choice (default 1), so a run replays exactly.</li>
 * </ul>
 */
public record Faults(int vanishAfter, long slowMillis, double corruptRate, Set<Corruption> corruptions,
        double statusFailureRate, boolean refuseExternalAuthenticate, long seed) {

    /** How an answer is damaged. */
    public enum Corruption { TRUNCATE, FLIP, LENGTH, TLV }

    public static Faults none() {
        return new Faults(0, 0, 0, EnumSet.allOf(Corruption.class), 0, false, 1);
    }

    public boolean any() {
        return vanishAfter > 0 || slowMillis > 0 || corruptRate > 0 || statusFailureRate > 0 || refuseExternalAuthenticate;
    }

    public Faults withVanishAfter(int n) {
        return new Faults(n, slowMillis, corruptRate, corruptions, statusFailureRate, refuseExternalAuthenticate, seed);
    }

    /** Parses the CLI text; throws IllegalArgumentException naming the bad item. */
    public static Faults parse(String text) {
        int vanish = 0;
        long slow = 0;
        double corrupt = 0;
        Set<Corruption> kinds = EnumSet.allOf(Corruption.class);
        double status = 0;
        boolean refuse = false;
        long seed = 1;
        for (String item : text.split(",")) {
            String it = item.trim().toLowerCase(Locale.ROOT);
            if (it.isEmpty()) {
                continue;
            }
            String key = it.contains("=") ? it.substring(0, it.indexOf('=')) : it;
            String value = it.contains("=") ? it.substring(it.indexOf('=') + 1) : "";
            try {
                switch (key) {
                    case "vanish": vanish = Integer.parseInt(value); break;
                    case "slow": slow = Long.parseLong(value); break;
                    case "6f00": status = probability(value); break;
                    case "refuse-ea": refuse = true; break;
                    case "seed": seed = Long.parseLong(value); break;
                    case "corrupt":
                        String[] parts = value.split(":");
                        corrupt = probability(parts[0]);
                        if (parts.length > 1) {
                            kinds = EnumSet.noneOf(Corruption.class);
                            for (String k : parts[1].split("\\+")) {
                                kinds.add(Corruption.valueOf(k.toUpperCase(Locale.ROOT)));
                            }
                        }
                        break;
                    default: throw new IllegalArgumentException("unknown fault '" + key + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + item + "': not a number", e);
            }
        }
        if (vanish < 0 || slow < 0) {
            throw new IllegalArgumentException("fault counts and delays must not be negative");
        }
        return new Faults(vanish, slow, corrupt, kinds, status, refuse, seed);
    }

    private static double probability(String v) {
        double p = Double.parseDouble(v);
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("probability " + v + " is not within 0..1");
        }
        return p;
    }
}

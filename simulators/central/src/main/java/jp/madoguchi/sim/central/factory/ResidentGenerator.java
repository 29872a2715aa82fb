package jp.madoguchi.sim.central.factory;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of plainly fictional residents (card-spec §5 "Synthetic data"): Japanese names
 * with furigana and romaji, including the old-form, compatibility, supplementary-plane and IVS
 * characters of counter-rules §5, former surnames and aliases; foreign residents with alphabetic
 * names (diacritics, long names) and periods of stay; birth dates spread over every age rule
 * (under 1, the day before the 15th birthday, under 18, 29 February, 75+). My Numbers come from a
 * seeded PRNG with the §5 check digit. Not thread-safe: one generator per thread.
 */
public final class ResidentGenerator {

    /** kanji, furigana, romaji. */
    private record Part(String kanji, String kana, String romaji) {
    }

    private static final List<Part> SURNAMES = List.of(
            new Part("試験", "シケン", "SHIKEN"), new Part("模擬", "モギ", "MOGI"),
            new Part("髙橋", "タカハシ", "TAKAHASHI"), new Part("\uD842\uDFB7田", "ヨシダ", "YOSHIDA"),
            new Part("山\uFA11", "ヤマザキ", "YAMAZAKI"), new Part("大\uFA10", "オオツカ", "OTSUKA"),
            new Part("\u845B\uDB40\uDD00西", "カサイ", "KASAI"), new Part("\u7530\uDB40\uDDEF中", "タナカ", "TANAKA"),
            new Part("森", "モリ", "MORI"), new Part("渡邉", "ワタナベ", "WATANABE"), new Part("齋藤", "サイトウ", "SAITO"),
            new Part("佐藤", "サトウ", "SATO"), new Part("見本", "ミホン", "MIHON"), new Part("檜山", "ヒヤマ", "HIYAMA"));
    private static final List<Part> GIVEN_MALE = List.of(
            new Part("一郎", "イチロウ", "ICHIRO"), new Part("健", "ケン", "KEN"), new Part("鷗介", "オウスケ", "OSUKE"),
            new Part("太郎", "タロウ", "TARO"), new Part("翔", "ショウ", "SHO"), new Part("德次", "トクジ", "TOKUJI"));
    private static final List<Part> GIVEN_FEMALE = List.of(
            new Part("花子", "ハナコ", "HANAKO"), new Part("美咲", "ミサキ", "MISAKI"), new Part("さくら", "サクラ", "SAKURA"),
            new Part("美和", "ミワ", "MIWA"), new Part("瀨里", "セリ", "SERI"), new Part("陽菜", "ヒナ", "HINA"));
    private static final List<Part> FORMER = List.of(
            new Part("\uD842\uDFB7野", "ヨシノ", "YOSHINO"), new Part("見本", "ミホン", "MIHON"));
    private static final List<String[]> FOREIGN = List.of(
            new String[] {"ZHANG WEI", "張　偉", "中国", "技術・人文知識・国際業務"},
            new String[] {"GARC\u00CDA L\u00D3PEZ MAR\u00CDA JOS\u00C9", null, "スペイン", "留学"},
            new String[] {"WICKRAMASINGHE ARACHCHIGE DON KUMARA SAMPATH", null, "スリランカ", "技能実習"},
            new String[] {"KIM IL NAM", null, "韓国", "永住者"},
            new String[] {"NGUYEN VAN AN", null, "ベトナム", "特定技能"},
            new String[] {"O'BRIEN-SMITH MARY", null, "アイルランド", "家族滞在"});
    private static final String[][] TOWNS = {
        {"試験町", "Shiken"}, {"見本町", "Mihon"}, {"模型町", "Mokei"}, {"仮置町", "Karioki"}};

    private final Random random;
    private final LocalDate today;

    public ResidentGenerator(long seed, LocalDate today) {
        this.random = new Random(seed);
        this.today = today;
    }

    /** A valid synthetic My Number: 11 seeded digits and the card-spec §5 check digit. */
    public String myNumber() {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            d.append(random.nextInt(10));
        }
        return d.toString() + checkDigit(d.toString());
    }

    /** Check digit of 11 digits (card-spec §5): weights 6 5 4 3 2 7 6 5 4 3 2 left to right. */
    public static int checkDigit(String eleven) {
        int[] weights = {6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        int s = 0;
        for (int i = 0; i < 11; i++) {
            s += (eleven.charAt(i) - '0') * weights[i];
        }
        int r = s % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    /**
     * The n-th resident; n cycles through the age rules so that any batch of 8 or more covers them all.
     */
    public Resident next(int n) {
        LocalDate birth = birthDate(n);
        int sex = 1 + random.nextInt(2);
        String[] town = TOWNS[random.nextInt(TOWNS.length)];
        String address = "模擬県見本市" + town[0] + fullWidth(1 + random.nextInt(9)) + "－" + fullWidth(1 + random.nextInt(20))
                + "－" + fullWidth(1 + random.nextInt(30));
        if (n % 5 == 4) {
            String[] f = FOREIGN.get(random.nextInt(FOREIGN.size()));
            boolean permanent = "永住者".equals(f[3]);
            LocalDate stay = permanent ? null : today.plusYears(1 + random.nextInt(3)).plusDays(random.nextInt(200));
            String alias = "KIM IL NAM".equals(f[0]) ? "金田　一男" : null;
            return new Resident(myNumber(), f[0], alias != null ? "カネダ　カズオ" : null, null, null, null, alias, f[1],
                    birth, sex, address, "Mogi", "Mihon", true, f[2], f[3], stay);
        }
        Part family = SURNAMES.get(random.nextInt(SURNAMES.size()));
        Part given = (sex == 1 ? GIVEN_MALE : GIVEN_FEMALE).get(random.nextInt(GIVEN_MALE.size()));
        Part former = n % 7 == 3 ? FORMER.get(random.nextInt(FORMER.size())) : null;
        return new Resident(myNumber(), family.kanji() + "\u3000" + given.kanji(), family.kana() + "\u3000" + given.kana(),
                random.nextInt(4) == 0 ? null : family.romaji() + " " + given.romaji(),
                former == null ? null : former.kanji(), former == null ? null : former.kana(), null, null,
                birth, sex, address, "Mogi", "Mihon", false, null, null, null);
    }

    private LocalDate birthDate(int n) {
        return switch (n % 8) {
            case 0 -> today.minusYears(20 + random.nextInt(45)).minusDays(random.nextInt(365));
            case 1 -> today.minusMonths(3 + random.nextInt(8));                       // under 1: no photo, 5-year card
            case 2 -> today.minusYears(15).plusDays(1 + random.nextInt(20));          // 14, days before 15: no SIGN
            case 3 -> today.minusYears(16).minusDays(random.nextInt(300));           // 15–17: SIGN allowed, 5-year card
            case 4 -> today.minusYears(30 + random.nextInt(30)).minusDays(random.nextInt(365));
            case 5 -> LocalDate.of(today.getYear() - 40 - random.nextInt(8) * 4 - (today.getYear() % 4), 2, 29); // 29 February
            case 6 -> today.minusYears(76 + random.nextInt(20)).minusDays(random.nextInt(365)); // 75+
            default -> today.minusYears(18).minusDays(random.nextInt(30));           // just 18: 10-year card
        };
    }

    private static String fullWidth(int number) {
        StringBuilder s = new StringBuilder();
        for (char ch : Integer.toString(number).toCharArray()) {
            s.append((char) ('\uFF10' + (ch - '0')));
        }
        return s.toString();
    }
}

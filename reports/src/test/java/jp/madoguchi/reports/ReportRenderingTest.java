package jp.madoguchi.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jp.madoguchi.reports.model.DeliveryReceipt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every report in every language, filled with its synthetic example, exported, read back: the text
 * round-trips (names included, exactly), every glyph comes from an embedded Identity-H font and none
 * is .notdef, and one PNG per page lands in target/report-previews for people to look at.
 */
class ReportRenderingTest {

    static Stream<Arguments> everyReportAndLanguage() {
        List<Arguments> all = new ArrayList<>();
        for (ReportType<?> type : ReportCatalogue.ALL) {
            for (String language : type.languages()) {
                all.add(Arguments.of(type, language));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyReportAndLanguage")
    void renders_embeds_every_glyph_and_round_trips_its_text(ReportType<?> type, String language) throws Exception {
        byte[] pdf = render(type, language);
        PdfCheck check = new PdfCheck(pdf);

        assertThat(check.pages).isGreaterThan(0);
        assertThat(check.glyphProblems).isEmpty();
        assertThat(check.gidsByFont.keySet()).contains("IPAexGothic").allMatch(f -> f.startsWith("IPA"));
        for (String expected : expectedTexts(type, language)) {
            assertThat(check.compactText()).contains(PdfCheck.strip(expected));
        }
        assertThat(ReportFixtures.preview(type.name() + "-" + language, pdf)).isEqualTo(check.pages);
    }

    private static <T extends Record> byte[] render(ReportType<T> type, String language) {
        return ReportFixtures.ENGINE.pdf(type, type.example().get(), ReportFixtures.locale(language));
    }

    /** Texts each example must show, taken from the example itself where they are data. */
    private static List<String> expectedTexts(ReportType<?> type, String language) {
        boolean en = language.equals("en");
        return switch (type.name()) {
            case "delivery-receipt" -> {
                DeliveryReceipt r = ReportExamples.deliveryReceipt();
                yield List.of(r.holder().name(), "\uD842\uDFB7野", r.holder().nameRomaji(), "森 鷗介", "7A3F",
                        en ? "Receipt of Delivery" : "交付受領書", en ? "(office copy)" : "市区町村控",
                        en ? "(holder's copy)" : "ご本人控", "0120-95-0178",
                        en ? "29 February 1988" : "昭和63年2月29日（1988年）",
                        en ? "not yet sent" : "未送信",
                        en ? "once this delivery record has been sent" : "電子証明書は、交付記録の送信後に利用できるようになります。");
            }
            case "pin-reset-record" -> List.of("葛\uDB40\uDD00西 さくら", "■", "□", "処理前の残り回数 0", "送信済");
            case "certificate-record" -> List.of("山\uFA11 健", "シリアル（下8桁）D4E5F601", "令和13年4月1日（2031年）", "65歳");
            case "inquiry-sheet" -> List.of("照会書", "回答書", "\uD842\uDFB7田 花子", "髙橋", "Q20260526-3FA01C",
                    "令和8年6月25日（2026年）", "送信対象外");
            case "daily-tally" -> List.of("日計表", "職員：森 鷗介（C1042）", "職員：大\uFA10 美咲（C2001）", "事務所合計", "MDG-CERT-001",
                    "¥3,000", "＝ 139", "一致", "業務日 2026-05-26");
            case "expiry-targets" -> List.of("\uD842\uDFB7田 花子", "田中 美和", "ZHANG WEI", "2026-09-12", "○（2026-09-20）");
            case "renewal-notice" -> en
                    ? List.of("\uD842\uDFB7田 花子", "Please renew the My Number Card itself.", "Yes — renewal needed",
                        "No — not needed now", "12 September 2026", "13 June 2026", "one photo")
                    : List.of("\uD842\uDFB7田 花子", "マイナンバーカード（カード本体）の更新が必要です", "更新が必要です", "今回は不要です",
                        "令和8年9月12日（2026年）", "顔写真1枚", "群馬県みどり市緑町二丁目3番4号");
            case "sync-report" -> List.of("同期・競合レポート", "APPLIED_WITH_CONFLICT", "CASE-2026-0042", "REJECTED", "U+F8F0", "一致");
            default -> throw new IllegalArgumentException(type.name());
        };
    }
}

package jp.madoguchi.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import jp.madoguchi.reports.model.CertificateRecord;
import jp.madoguchi.reports.model.DailyTally;
import jp.madoguchi.reports.model.DeliveryReceipt;
import jp.madoguchi.reports.model.ExpiryTargetList;
import jp.madoguchi.reports.model.Holder;
import jp.madoguchi.reports.model.InquiryAnswerSheet;
import jp.madoguchi.reports.model.PinResetRecord;
import jp.madoguchi.reports.model.RenewalNotice;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.fonts.FontUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The name corpus (JIS levels 1–4, supplementary characters, IVS, compatibility ideographs, half- and
 * full-width mixes, long romaji) in every report that shows a name: each renders, and the PDF's text
 * gives back exactly the code points that went in, variation selectors included.
 */
class NameCorpusTest {

    /** 葛 with a selector IPAmj registers (Moji_Joho collection): a glyph other than plain 葛. */
    static final String KUZU_VARIANT = "葛\uDB40\uDD04西 さくら";

    static final List<String> CORPUS = List.of(
            "亜希子 安藤",                                   // JIS X 0208 level 1
            "弌田 鬯",                                       // JIS X 0208 level 2
            "俱知 \uD840\uDC0B太",                           // JIS X 0213 level 3 (俱, 𠀋 U+2000B)
            "\uD840\uDC89田 丂子",                           // JIS X 0213 level 4 (𠂉 U+20089, 丂)
            "\uD842\uDFB7田 花子",                           // 𠮷: supplementary, not in IPAex
            "葛\uDB40\uDD00西 さくら",                       // 葛 + VS17 (Adobe-Japan1 IVS): base glyph in IPAmj
            KUZU_VARIANT,                                    // 葛 + U+E0104: IPAmj's own variant glyph
            "田\uDB40\uDDEF中 美和",                         // unregistered selector: base glyph, kept in text
            "髙橋 一郎",
            "山\uFA11 健",
            "大\uFA10 美咲",                                 // U+FA10, which NFC would turn into 塚
            "森 鷗介",
            "ｻﾄｳ ﾊﾅｺ ＳＡＴＯ 佐藤",                        // half-width kana with full-width Latin
            "GARCÍA LÓPEZ MARÍA JOSÉ",
            "WICKRAMASINGHE ARACHCHIGE DON KUMARA SAMPATH",
            "ZHANG WEI 張 偉");

    /** Every report that prints a name, as a function from the name to a filled record. */
    static List<Arguments> reportsWithNames() {
        List<Arguments> all = new ArrayList<>();
        all.add(Arguments.of(ReportCatalogue.DELIVERY_RECEIPT, (Function<String, Record>) NameCorpusTest::receipt));
        all.add(Arguments.of(ReportCatalogue.PIN_RESET_RECORD, (Function<String, Record>) NameCorpusTest::pinReset));
        all.add(Arguments.of(ReportCatalogue.CERTIFICATE_RECORD, (Function<String, Record>) NameCorpusTest::certificate));
        all.add(Arguments.of(ReportCatalogue.INQUIRY_SHEET, (Function<String, Record>) NameCorpusTest::inquirySheet));
        all.add(Arguments.of(ReportCatalogue.DAILY_TALLY, (Function<String, Record>) NameCorpusTest::tally));
        all.add(Arguments.of(ReportCatalogue.EXPIRY_TARGETS, (Function<String, Record>) NameCorpusTest::targets));
        all.add(Arguments.of(ReportCatalogue.RENEWAL_NOTICE, (Function<String, Record>) NameCorpusTest::notice));
        return all;
    }

    static Stream<Arguments> reportsAndLanguages() {
        List<Arguments> all = new ArrayList<>();
        for (Arguments a : reportsWithNames()) {
            ReportType<?> type = (ReportType<?>) a.get()[0];
            for (String language : type.languages()) {
                all.add(Arguments.of(type, a.get()[1], language));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("reportsAndLanguages")
    void every_corpus_name_round_trips_through_the_pdf(ReportType<?> type, Function<String, Record> withName, String language)
            throws Exception {
        for (String name : CORPUS) {
            byte[] pdf = render(type, withName.apply(name), ReportFixtures.locale(language));
            PdfCheck check = new PdfCheck(pdf);
            assertThat(check.glyphProblems).as(name).isEmpty();
            assertThat(check.compactText()).as("%s in %s", name, type.name()).contains(PdfCheck.strip(name));
            assertThat(check.gidsByFont).containsKey(ReportFonts.NAME);
        }
    }

    @Test
    void a_registered_ivs_prints_the_fonts_variant_glyph_not_the_base_one() throws Exception {
        Font mj = FontUtil.getInstance(DefaultJasperReportsContext.getInstance())
                .getAwtFontFromBundles(ReportFonts.NAME, Font.PLAIN, 10f, Locale.JAPANESE, false);
        int base = gid(mj, "葛");
        int variant = gid(mj, "葛\uDB40\uDD04");
        assertThat(variant).as("IPAmj's cmap format 14 maps 葛+U+E0104 to its own glyph").isNotEqualTo(base);

        PdfCheck plain = new PdfCheck(render(ReportCatalogue.PIN_RESET_RECORD, pinReset("葛西 さくら"), Locale.JAPANESE));
        PdfCheck ivs = new PdfCheck(render(ReportCatalogue.PIN_RESET_RECORD, pinReset(KUZU_VARIANT), Locale.JAPANESE));
        assertThat(plain.gidsByFont.get(ReportFonts.NAME)).contains(base).doesNotContain(variant);
        assertThat(ivs.gidsByFont.get(ReportFonts.NAME)).contains(variant);
        assertThat(ivs.compactText()).contains("葛\uDB40\uDD04西");
    }

    private static int gid(Font font, String text) {
        GlyphVector vector = font.layoutGlyphVector(new FontRenderContext(null, false, false), text.toCharArray(), 0,
                text.length(), Font.LAYOUT_LEFT_TO_RIGHT);
        assertThat(vector.getNumGlyphs()).as("one glyph for %s", text).isEqualTo(1);
        return vector.getGlyphCode(0);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Record> byte[] render(ReportType<T> type, Record data, Locale locale) {
        return ReportFixtures.ENGINE.pdf(type, (T) data, locale);
    }

    static Holder holder(String name) {
        return new Holder(name, "テスト", null, null, null, null, java.time.LocalDate.of(1980, 1, 1));
    }

    static DeliveryReceipt receipt(String name) {
        DeliveryReceipt r = ReportExamples.deliveryReceipt();
        return new DeliveryReceipt(r.header(), holder(name), r.cardSerialLast4(), r.cardType(), r.cardExpiry(),
                r.certificates(), r.visitorType(), r.representativeName(), r.proxyReason(), r.idMethod(),
                r.idDocumentTypes(), r.items(), r.pinsSet(), r.pinsPreset(), r.offline());
    }

    static PinResetRecord pinReset(String name) {
        PinResetRecord r = ReportExamples.pinResetRecord();
        return new PinResetRecord(r.header(), holder(name), r.cardSerialLast4(), r.change(), r.pins(), r.reason(),
                r.visitorType(), r.representativeName(), r.idMethod(), r.inquiry(), r.result(), r.refusalCode());
    }

    static CertificateRecord certificate(String name) {
        CertificateRecord r = ReportExamples.certificateRecord();
        return new CertificateRecord(r.header(), holder(name), r.renewal(), r.issued(), r.ageOnDay(),
                r.adultWardCheckPassed(), r.oldExpiry(), r.windowOpened(), r.pinKept(), r.visitorType(),
                r.representativeName(), r.idMethod(), r.sealedAnswerUnopened(), r.feeYen());
    }

    static InquiryAnswerSheet inquirySheet(String name) {
        InquiryAnswerSheet r = ReportExamples.inquirySheet();
        return new InquiryAnswerSheet(r.officeName(), r.officeCode(), r.workstationId(), r.clerkName(), r.clerkId(),
                r.supervisorName(), r.printedAt(), r.training(), r.number(), r.sentOn(), r.deadline(), holder(name),
                r.postalCode(), r.address(), r.operation(), r.cardSerialLast4(), r.proxyName());
    }

    static DailyTally tally(String name) {
        DailyTally r = ReportExamples.dailyTally();
        return new DailyTally(r.officeName(), r.officeCode(), r.businessDay(), r.workstationId(),
                List.of(new DailyTally.TallyLine("C9", name, "交付", "本人", "完了", 3, 0)), r.sync(), r.stock(),
                r.selfApprovals(), r.closedBy(), r.closedAt(), r.printedAt());
    }

    static ExpiryTargetList targets(String name) {
        ExpiryTargetList r = ReportExamples.expiryTargets();
        ExpiryTargetList.Target t = r.targets().get(0);
        return new ExpiryTargetList(r.officeName(), r.officeCode(), r.periodFrom(), r.periodTo(), List.of(
                new ExpiryTargetList.Target(t.what(), name, t.nameFurigana(), t.birthDate(), t.district(), t.expiry(),
                        t.windowOpens(), t.noticeSentOn(), t.status(), t.foreignResident(), t.stayExpiry())), r.printedAt());
    }

    static RenewalNotice notice(String name) {
        RenewalNotice r = ReportExamples.renewalNotice();
        return new RenewalNotice(name, r.nameFurigana(), r.postalCode(), r.address(), r.items(), r.office(), r.issuedOn());
    }
}

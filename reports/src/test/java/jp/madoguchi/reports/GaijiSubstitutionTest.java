package jp.madoguchi.reports;

import static jp.madoguchi.reports.ReportFixtures.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.model.DailyTally;
import jp.madoguchi.reports.model.DeliveryReceipt;
import jp.madoguchi.reports.model.Holder;
import jp.madoguchi.reports.model.RenewalNotice;
import jp.madoguchi.reports.model.SyncReport.GaijiFlag;
import org.junit.jupiter.api.Test;

/**
 * Counter-rules §5: a name character no shipped font can draw is printed as 〓 and the record is
 * flagged 「外字要確認」; it never vanishes, never becomes a box, and the caller's record is unchanged.
 */
class GaijiSubstitutionTest {

    /** 𰀀 U+30000 (CJK extension G): a real ideograph that IPAmj明朝 does not have. */
    private static final String NOT_IN_IPAMJ = new String(Character.toChars(0x30000));
    /** A private-use character followed by a variation selector, as a vendor 外字 might arrive. */
    private static final String PRIVATE_USE_WITH_SELECTOR = "\uE000\uDB40\uDD00";

    @Test
    void the_check_lists_the_code_points_the_name_font_lacks_once_each_in_order() {
        String name = "髙" + NOT_IN_IPAMJ + "田" + PRIVATE_USE_WITH_SELECTOR + NOT_IN_IPAMJ + " \uD842\uDFB7子";
        assertThat(ENGINE.coverage().missing(name, true)).containsExactly(0x30000, 0xE000);
        // 𠮷 is IPAmj's but not IPAex's: the text font's check says so.
        assertThat(ENGINE.coverage().missing("\uD842\uDFB7野", false)).containsExactly(0x20BB7);
        assertThat(ENGINE.coverage().missing("葛\uDB40\uDD00西 さくら", true)).isEmpty();
    }

    @Test
    void an_undrawable_name_character_prints_as_geta_and_flags_the_record() throws Exception {
        DeliveryReceipt example = ReportExamples.deliveryReceipt();
        Holder h = example.holder();
        Holder holder = new Holder("田" + NOT_IN_IPAMJ + " 花子", h.nameFurigana(), h.nameRomaji(),
                "山" + PRIVATE_USE_WITH_SELECTOR + "野", h.formerSurnameFurigana(), h.alias(), h.birthDate());
        DeliveryReceipt receipt = withHolder(example, holder);

        assertThatThrownBy(() -> ENGINE.pdf(ReportCatalogue.DELIVERY_RECEIPT, receipt, Locale.JAPANESE))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> assertThat(e.code()).isEqualTo("MDG-REPORT-001"));

        GaijiSubstitution.Result<DeliveryReceipt> printable = ENGINE.printable(receipt, "0196f3a2-op");
        assertThat(printable.needsHandCorrection()).isTrue();
        assertThat(printable.flags()).containsExactly(
                new GaijiFlag("0196f3a2-op", "U+30000", "holder.name"),
                new GaijiFlag("0196f3a2-op", "U+E000", "holder.formerSurname"));
        assertThat(printable.data().holder().name()).isEqualTo("田〓 花子");
        // The selector that followed the private-use character selects nothing on 〓: dropped from print.
        assertThat(printable.data().holder().formerSurname()).isEqualTo("山〓野");
        // What is stored and sent stays as received.
        assertThat(receipt.holder().name()).isEqualTo("田" + NOT_IN_IPAMJ + " 花子");
        assertThat(printable.data().header()).isSameAs(receipt.header());

        byte[] pdf = ENGINE.pdf(ReportCatalogue.DELIVERY_RECEIPT, printable.data(), Locale.JAPANESE);
        PdfCheck check = new PdfCheck(pdf);
        assertThat(check.glyphProblems).isEmpty();
        assertThat(check.compactText()).contains("田〓花子").contains("山〓野").doesNotContain(NOT_IN_IPAMJ)
                .doesNotContain("\uE000");
        ReportFixtures.preview("gaiji-delivery-receipt-ja", pdf);
    }

    @Test
    void names_inside_lists_are_substituted_too_and_other_rows_stay_the_same_objects() throws Exception {
        DailyTally example = ReportExamples.dailyTally();
        List<DailyTally.TallyLine> lines = new java.util.ArrayList<>(example.lines());
        DailyTally.TallyLine first = lines.get(0);
        lines.set(0, new DailyTally.TallyLine(first.clerkId(), "森" + NOT_IN_IPAMJ, first.operation(), first.variant(),
                first.outcome(), first.count(), first.feeYen()));
        DailyTally tally = new DailyTally(example.officeName(), example.officeCode(), example.businessDay(),
                example.workstationId(), lines, example.sync(), example.stock(),
                List.of("承認 髙橋" + PRIVATE_USE_WITH_SELECTOR), example.closedBy(), example.closedAt(), example.printedAt());

        GaijiSubstitution.Result<DailyTally> printable = ENGINE.printable(tally, "2026-05-26/WS-0042");
        assertThat(printable.flags()).extracting(GaijiFlag::field)
                .containsExactly("lines[0].clerkName", "selfApprovals[0]");
        assertThat(printable.data().lines().get(0).clerkName()).isEqualTo("森〓");
        assertThat(printable.data().lines().get(1)).isSameAs(tally.lines().get(1));
        assertThat(printable.data().selfApprovals()).containsExactly("承認 髙橋〓");

        PdfCheck check = new PdfCheck(ENGINE.pdf(ReportCatalogue.DAILY_TALLY, printable.data(), Locale.JAPANESE));
        assertThat(check.glyphProblems).isEmpty();
        assertThat(check.compactText()).contains("森〓").contains("承認髙橋〓");
    }

    @Test
    void a_record_whose_names_all_draw_is_returned_as_it_is() {
        RenewalNotice notice = ReportExamples.renewalNotice();
        GaijiSubstitution.Result<RenewalNotice> printable = ENGINE.printable(notice, "R-1");
        assertThat(printable.data()).isSameAs(notice);
        assertThat(printable.needsHandCorrection()).isFalse();
    }

    @Test
    void text_that_is_not_a_name_is_not_substituted_and_still_refused() {
        DeliveryReceipt r = ReportExamples.deliveryReceipt();
        DeliveryReceipt bad = new DeliveryReceipt(r.header(), r.holder(), r.cardSerialLast4(), r.cardType(), r.cardExpiry(),
                r.certificates(), r.visitorType(), r.representativeName(), r.proxyReason(), "\uD842\uDFB7の書類",
                r.idDocumentTypes(), r.items(), r.pinsSet(), r.pinsPreset(), r.offline());
        GaijiSubstitution.Result<DeliveryReceipt> printable = ENGINE.printable(bad, "op");
        assertThat(printable.data()).isSameAs(bad);
        assertThatThrownBy(() -> ENGINE.pdf(ReportCatalogue.DELIVERY_RECEIPT, printable.data(), Locale.JAPANESE))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> assertThat(e.code()).isEqualTo("MDG-REPORT-001"));
    }

    private static DeliveryReceipt withHolder(DeliveryReceipt r, Holder holder) {
        return new DeliveryReceipt(r.header(), holder, r.cardSerialLast4(), r.cardType(), r.cardExpiry(), r.certificates(),
                r.visitorType(), r.representativeName(), r.proxyReason(), r.idMethod(), r.idDocumentTypes(), r.items(),
                r.pinsSet(), r.pinsPreset(), r.offline());
    }
}

package jp.madoguchi.app.reporting;

import static jp.madoguchi.app.reporting.ReportingFixture.notAfter;
import static jp.madoguchi.app.reporting.ReportingFixture.resident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.cache.LinkState;
import jp.madoguchi.cache.SyncStatus;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.model.ExpiryTargetList;
import jp.madoguchi.reports.model.Kinds.RenewalTarget;
import jp.madoguchi.reports.model.Kinds.TargetStatus;
import jp.madoguchi.reports.model.RenewalNotice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expiry list and the renewal letters from a real read cache filled through the sync engine's own
 * feed step: windows at a birthday, at a month end (PR-47) and for a 29 February birthday (N10),
 * period boundaries, statuses (renewed, revoked, not yet), J-LIS's notice dates, cards not yet
 * delivered left out, certificates revoked for another reason left out; then the PDFs read back.
 */
class ExpiryWorkTest {

    static final Instant NOW = Instant.parse("2027-03-10T01:00:00Z");
    static final String IVS_NAME = "葛\uDB40\uDD00西　さくら";
    static final String SUPPLEMENTARY_NAME = "\uD842\uDFB7田　花子";
    static final String FOREIGN_NAME = "GARC\u00CDA L\u00D3PEZ MAR\u00CDA JOS\u00C9";
    static final OfficeLetterhead OFFICE = new OfficeLetterhead("見本市役所 市民課", "模擬県見本市役所通１－１",
            "平日 8:30〜17:15", "0000-00-0000");
    static final ValidityRules RULES = new ValidityRules();
    static final ReportEngine ENGINE = new ReportEngine();
    /** The PDFs for people to look at (pdftoppm renders them). */
    static final Path PREVIEWS = Path.of("target", "report-previews");

    @TempDir
    static Path dir;
    static ReportingFixture fx;
    static LocalDate bValidTo;

    @BeforeAll
    static void feed() {
        fx = new ReportingFixture(dir, NOW);
        // A: card and AUTH end on the 37th birthday; SIGN was revoked by an address change (not a renewal target).
        LocalDate aExpiry = LocalDate.of(2027, 6, 15);
        var a = resident(IVS_NAME, "カサイ　サクラ", LocalDate.of(1990, 6, 15), "模擬県見本市試験町１－２－３", "〒100-0001");
        fx.shipped("100000000000001", a, aExpiry, LocalDate.of(2017, 5, 1), LocalDate.of(2017, 6, 1),
                        "AUTH", "A1", notAfter(aExpiry), "SIGN", "S1", notAfter(aExpiry))
                .cert("100000000000001", "AUTH", "A1", "ON_HOLD", "PENDING_DELIVERY", notAfter(aExpiry), 1)
                .cert("100000000000001", "SIGN", "S1", "ON_HOLD", "PENDING_DELIVERY", notAfter(aExpiry), 1)
                .cardStatus("100000000000001", "ACTIVE", null, 2)
                .cert("100000000000001", "AUTH", "A1", "VALID", null, notAfter(aExpiry), 2)
                .cert("100000000000001", "SIGN", "S1", "REVOKED", "ADDRESS_CHANGED", notAfter(aExpiry), 3)
                .expiryNotice("100000000000001", LocalDate.of(2027, 3, 1), a, "CARD", aExpiry.toString(), "AUTH",
                        aExpiry.toString());
        // B: born on 29 February; card and certificates computed by the rules, the AUTH certificate renewed once.
        LocalDate bBirth = LocalDate.of(2000, 2, 29);
        LocalDate received = LocalDate.of(2020, 3, 10);
        LocalDate issued = LocalDate.of(2020, 4, 1);
        bValidTo = RULES.cardValidTo(bBirth, received, issued, Optional.empty());
        LocalDate oldAuth = RULES.certificateValidTo(jp.madoguchi.app.counter.domain.CertKind.AUTH, bBirth, issued, bValidTo,
                Optional.empty(), Optional.empty());
        var b = resident(SUPPLEMENTARY_NAME, "ヨシダ　ハナコ", bBirth, "模擬県見本市見本町４－５－６", null);
        fx.shipped("100000000000002", b, bValidTo, received, issued, "AUTH", "B1", notAfter(oldAuth))
                .cardStatus("100000000000002", "ACTIVE", null, 2)
                .cert("100000000000002", "AUTH", "B1", "VALID", null, notAfter(oldAuth), 2)
                .cert("100000000000002", "AUTH", "B2", "VALID", null, notAfter(bValidTo), 1)
                .cert("100000000000002", "AUTH", "B1", "REVOKED", "SUPERSEDED", notAfter(oldAuth), 3);
        // C: revoked after a loss; its card would have entered the window on 1 March (month end, PR-47).
        fx.shipped("100000000000003", resident("森　鷗介", "モリ　オウスケ", LocalDate.of(1960, 1, 2), "模擬県見本市模型町７", null),
                        LocalDate.of(2027, 5, 31), LocalDate.of(2017, 4, 1), LocalDate.of(2017, 5, 1))
                .cardStatus("100000000000003", "ACTIVE", null, 2)
                .cardStatus("100000000000003", "REVOKED", "LOST", 3);
        // D: still awaiting delivery: not the holder's card yet, never listed.
        fx.shipped("100000000000004", resident("見本　太郎", "ミホン　タロウ", LocalDate.of(1980, 6, 20), "模擬県見本市試験町９", null),
                LocalDate.of(2027, 6, 20), LocalDate.of(2017, 5, 1), LocalDate.of(2017, 6, 1));
        // E: a foreign resident whose card ends with the period of stay.
        var e = resident(FOREIGN_NAME, null, LocalDate.of(1995, 8, 1), "模擬県見本市仮置町２－２", null);
        e.put("foreignResident", true).put("stayExpiry", "2027-06-30");
        fx.shipped("100000000000005", e, LocalDate.of(2027, 6, 30), LocalDate.of(2024, 5, 1), LocalDate.of(2024, 6, 1))
                .cardStatus("100000000000005", "ACTIVE", null, 2);
        fx.applyFeed();
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    private static List<ExpiryWork.Due> due(LocalDate from, LocalDate to) {
        return new ExpiryWork(RULES).due(fx.cache, new ReportService.Period(from, to), NOW);
    }

    @Test
    void a_month_lists_every_card_and_certificate_whose_window_opens_in_it_one_row_each() {
        List<ExpiryWork.Due> due = due(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31));
        assertThat(due).extracting(d -> d.card().cardSerial(), ExpiryWork.Due::what, ExpiryWork.Due::expiry,
                        ExpiryWork.Due::windowOpens, ExpiryWork.Due::noticeSentOn, ExpiryWork.Due::status)
                .containsExactly(
                        tuple("100000000000003", RenewalTarget.CARD, LocalDate.of(2027, 5, 31), LocalDate.of(2027, 3, 1), null,
                                TargetStatus.CARD_REVOKED),
                        tuple("100000000000001", RenewalTarget.CARD, LocalDate.of(2027, 6, 15), LocalDate.of(2027, 3, 16),
                                LocalDate.of(2027, 3, 1), TargetStatus.NOT_YET),
                        tuple("100000000000001", RenewalTarget.AUTH, LocalDate.of(2027, 6, 15), LocalDate.of(2027, 3, 16),
                                LocalDate.of(2027, 3, 1), TargetStatus.NOT_YET),
                        tuple("100000000000005", RenewalTarget.CARD, LocalDate.of(2027, 6, 30), LocalDate.of(2027, 3, 31), null,
                                TargetStatus.NOT_YET));
        assertThat(due.get(3).card().foreignResident()).isTrue();
        assertThat(due.get(3).card().stayExpiry()).isEqualTo(LocalDate.of(2027, 6, 30));
        assertThat(due.get(1).card().name()).as("the name exactly as the feed gave it, selector included").isEqualTo(IVS_NAME);
    }

    @Test
    void the_window_edges_are_the_day_after_three_months_before_expiry() {
        assertThat(due(LocalDate.of(2027, 3, 16), LocalDate.of(2027, 3, 16))).extracting(ExpiryWork.Due::what)
                .containsExactly(RenewalTarget.CARD, RenewalTarget.AUTH);
        assertThat(due(LocalDate.of(2027, 3, 2), LocalDate.of(2027, 3, 15))).as("between two openings: nobody").isEmpty();
        assertThat(due(LocalDate.of(2027, 2, 28), LocalDate.of(2027, 2, 28))).as("28 Feb: C's window opens on 1 March").isEmpty();
        assertThat(due(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 1))).extracting(d -> d.card().cardSerial())
                .containsExactly("100000000000003");
    }

    @Test
    void a_29_february_birthday_ends_on_28_february_and_a_renewed_certificate_is_shown_renewed() {
        assertThat(bValidTo).isEqualTo(LocalDate.of(2030, 2, 28));
        assertThat(due(LocalDate.of(2024, 11, 29), LocalDate.of(2024, 11, 29)))
                .extracting(d -> d.card().cardSerial(), ExpiryWork.Due::what, ExpiryWork.Due::expiry, ExpiryWork.Due::status)
                .containsExactly(tuple("100000000000002", RenewalTarget.AUTH, LocalDate.of(2025, 2, 28), TargetStatus.RENEWED));
        assertThat(due(LocalDate.of(2029, 11, 29), LocalDate.of(2029, 11, 29)))
                .extracting(ExpiryWork.Due::what, ExpiryWork.Due::expiry, ExpiryWork.Due::windowOpens, ExpiryWork.Due::status)
                .containsExactly(tuple(RenewalTarget.CARD, bValidTo, LocalDate.of(2029, 11, 29), TargetStatus.NOT_YET),
                        tuple(RenewalTarget.AUTH, bValidTo, LocalDate.of(2029, 11, 29), TargetStatus.NOT_YET));
    }

    @Test
    void the_list_prints_every_row_with_names_exact_and_an_empty_period_prints_an_empty_list() throws Exception {
        PeriodReports reports = new PeriodReports(new ReportService(ENGINE), ENGINE, OFFICE, RULES, fx.clock, "T01");
        SyncStatus status = new SyncStatus(LinkState.ONLINE, 0, null, NOW, NOW, 0, null);
        var month = reports.assemble(fx.data(status), new PeriodReports.Request(ReportCatalogue.EXPIRY_TARGETS.name(), null,
                new ReportService.Period(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31))));
        ExpiryTargetList list = (ExpiryTargetList) month.documents().get(0).data();
        assertThat(list.targets()).hasSize(4);
        assertThat(list.targets()).extracting(ExpiryTargetList.Target::district)
                .containsExactly("模擬県見本市模型町", "模擬県見本市試験町", "模擬県見本市試験町", "模擬県見本市仮置町");
        assertThat(list.officeName()).isEqualTo(OFFICE.name());
        PeriodReports.Output out = reports.render(month);
        String text = ReportingFixture.text(out.pdf());
        assertThat(text).contains("有効期限通知", "森鷗介", "葛\uDB40\uDD00西さくら", "GARC\u00CDAL\u00D3PEZMAR\u00CDAJOS\u00C9",
                "2027-05-31", "2027-03-16", "2027-03-31", "2027-03-01");
        assertThat(out.flags()).isEmpty();
        Files.createDirectories(PREVIEWS);
        Files.write(PREVIEWS.resolve("period-expiry-targets.pdf"), out.pdf());

        var empty = reports.assemble(fx.data(status), new PeriodReports.Request(ReportCatalogue.EXPIRY_TARGETS.name(), null,
                new ReportService.Period(LocalDate.of(2027, 3, 2), LocalDate.of(2027, 3, 15))));
        ExpiryTargetList none = (ExpiryTargetList) empty.documents().get(0).data();
        assertThat(none.targets()).isEmpty();
        assertThat(none.periodFrom()).isEqualTo(LocalDate.of(2027, 3, 2));
        String emptyText = ReportingFixture.text(reports.render(empty).pdf());
        assertThat(emptyText).contains("有効期限通知", "2027-03-02", "2027-03-15").doesNotContain("森鷗介", "さくら");
    }

    @Test
    void one_letter_per_resident_still_to_renew_naming_card_and_certificate_plainly() throws Exception {
        PeriodReports reports = new PeriodReports(new ReportService(ENGINE), ENGINE, OFFICE, RULES, fx.clock, "T01");
        SyncStatus status = new SyncStatus(LinkState.ONLINE, 0, null, NOW, NOW, 0, null);
        var letters = reports.assemble(fx.data(status), new PeriodReports.Request(ReportCatalogue.RENEWAL_NOTICE.name(), null,
                new ReportService.Period(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31))));
        assertThat(letters.documents()).as("A and E; C's card is revoked").hasSize(2);
        RenewalNotice a = (RenewalNotice) letters.documents().get(0).data();
        assertThat(a.name()).isEqualTo(IVS_NAME);
        assertThat(a.postalCode()).isEqualTo("〒100-0001");
        assertThat(a.address()).isEqualTo("模擬県見本市試験町１－２－３");
        assertThat(a.items()).extracting(RenewalNotice.Item::what, RenewalNotice.Item::expiry, RenewalNotice.Item::windowOpens)
                .containsExactly(tuple(RenewalTarget.CARD, LocalDate.of(2027, 6, 15), LocalDate.of(2027, 3, 16)),
                        tuple(RenewalTarget.AUTH, LocalDate.of(2027, 6, 15), LocalDate.of(2027, 3, 16)));
        assertThat(a.office().address()).isEqualTo(OFFICE.address());
        assertThat(a.issuedOn()).isEqualTo(LocalDate.of(2027, 3, 10));
        RenewalNotice e = (RenewalNotice) letters.documents().get(1).data();
        assertThat(e.name()).isEqualTo(FOREIGN_NAME);
        assertThat(e.targets()).containsExactly(RenewalTarget.CARD);
        assertThat(letters.remarks()).isEqualTo(Map.of(PeriodReports.Remark.POSTAL_CODE_NOT_IN_FEED, 1));

        PeriodReports.Output out = reports.render(letters);
        assertThat(out.pageCount()).isEqualTo(ReportingFixture.pages(out.pdf())).isGreaterThanOrEqualTo(2);
        String text = ReportingFixture.text(out.pdf());
        assertThat(text).contains("更新のご案内", "葛\uDB40\uDD00西さくら", "GARC\u00CDAL\u00D3PEZMAR\u00CDAJOS\u00C9", "〒100-0001",
                "見本市役所市民課", "0000-00-0000", "更新が必要です", "今回は不要です");
        Files.createDirectories(PREVIEWS);
        Files.write(PREVIEWS.resolve("period-renewal-notices.pdf"), out.pdf());

        var none = reports.assemble(fx.data(status), new PeriodReports.Request(ReportCatalogue.RENEWAL_NOTICE.name(), null,
                new ReportService.Period(LocalDate.of(2027, 3, 2), LocalDate.of(2027, 3, 15))));
        assertThat(none.empty()).isTrue();
        assertThat(none.remarks()).isEmpty();
    }

    @Test
    void letters_without_a_configured_letterhead_name_the_missing_keys() {
        assertThat(OfficeLetterhead.none().missing()).containsExactlyElementsOf(OfficeLetterhead.KEYS);
        assertThat(new OfficeLetterhead("x", " ", "y", null).missing()).containsExactly("office.address", "office.telephone");
        assertThat(OFFICE.missing()).isEmpty();
    }
}

package jp.madoguchi.app.reporting;

import static jp.madoguchi.app.reporting.ReportingFixture.resident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.LinkState;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.RecordedAct;
import jp.madoguchi.cache.SyncStatus;
import jp.madoguchi.cache.SyncSteps;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.model.DailyTally;
import jp.madoguchi.reports.model.SyncReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync and case report and the daily tally from a real store: acts recorded through the store,
 * central's answers recorded as the sync engine records them, cases annotated and closed through the
 * store's API. Counts, ages, the settled seq, each conflict and rejection with its case's resolution
 * state and note; the PDF read back.
 */
class SyncCaseReportsTest {

    static final Instant T0 = Instant.parse("2026-11-25T00:30:00Z"); // 09:30 JST
    static final ReportEngine ENGINE = new ReportEngine();

    @TempDir
    Path dir;

    private static CounterAct pinReset(String serial) {
        return new CounterAct(OperationType.PIN_RESET, "C001", null, serial, 3L, Map.of("cardSerial", serial,
                "pinTypes", List.of("AUTH"), "reason", "FORGOTTEN", "triesLeftBefore", 0, "visitorType", "HOLDER",
                "idMethod", List.of("ID_A")));
    }

    private static CounterAct delivery(String serial, String clerk) {
        return new CounterAct(OperationType.DELIVERY_COMPLETED, clerk, null, serial, 1L, Map.of("cardSerial", serial,
                "applicationId", "A1", "deliveredAt", T0.toString(), "visitorType", "HOLDER", "idMethod", List.of("ID_A"),
                "pinTypesSet", List.of("AUTH"), "cardType", "PIN"));
    }

    @Test
    void queue_conflicts_and_rejections_with_their_cases_resolution_state() throws Exception {
        try (ReportingFixture fx = new ReportingFixture(dir, T0)) {
            fx.shipped("100000000000011", resident("\uD842\uDFB7田　花子", "ヨシダ　ハナコ", LocalDate.of(1980, 1, 1), "模擬県見本市試験町１", null),
                    LocalDate.of(2030, 1, 1), LocalDate.of(2020, 1, 1), LocalDate.of(2020, 2, 1));
            fx.shipped("100000000000012", resident("\uD880\uDC00野　一郎", null, LocalDate.of(1981, 1, 1), "模擬県見本市試験町２", null),
                    LocalDate.of(2030, 1, 1), LocalDate.of(2020, 1, 1), LocalDate.of(2020, 2, 1));
            fx.applyFeed();
            RecordedAct applied = fx.store.record(delivery("100000000000011", "C001"));
            RecordedAct conflict = fx.store.record(pinReset("100000000000011"));
            RecordedAct rejected = fx.store.record(delivery("999999999999999", "C002"));
            RecordedAct rejected2 = fx.store.record(pinReset("888888888888888"));
            SyncSteps.answer(fx.store, applied, "APPLIED", null, null);
            SyncSteps.answer(fx.store, conflict, "APPLIED_WITH_CONFLICT", "CARD_SUSPENDED", "CASE-100");
            SyncSteps.answer(fx.store, rejected, "REJECTED", "UNKNOWN_CARD", null);
            SyncSteps.answer(fx.store, rejected2, "REJECTED", "UNKNOWN_CARD", null);
            fx.store.annotateCase("CASE-100", "S001", "本人に電話済み");
            fx.store.closeCase("L-" + rejected.opId(), "S001");
            fx.clock.set(T0.plus(Duration.ofMinutes(30)));
            fx.store.record(pinReset("100000000000011"));
            fx.clock.set(T0.plus(Duration.ofHours(2)));
            fx.store.record(delivery("100000000000012", "C001"));
            Instant now = T0.plus(Duration.ofHours(3));
            fx.clock.set(now);
            SyncStatus status = new SyncStatus(LinkState.OFFLINE, 2, Duration.ofHours(3), T0.plus(Duration.ofMinutes(5)),
                    T0, 1, null);

            SyncReport report = SyncCaseReports.of(fx.store, fx.cache, status, ENGINE, "T01", "見本市役所", now);

            assertThat(report.linkState().name()).isEqualTo("OFFLINE");
            assertThat(report.lastSync()).isEqualTo(LocalDateTime.of(2026, 11, 25, 9, 35));
            assertThat(report.localLastSeq()).isEqualTo(6);
            assertThat(report.ackedSeq()).as("1-4 answered, 5 not").isEqualTo(4);
            assertThat(report.pending()).extracting(SyncReport.Pending::kind, SyncReport.Pending::count, SyncReport.Pending::oldestAge)
                    .containsExactly(tuple("DELIVERY_COMPLETED", 1, Duration.ofHours(1)),
                            tuple("PIN_RESET", 1, Duration.ofMinutes(150)));
            assertThat(report.conflicts()).extracting(SyncReport.Entry::seq, SyncReport.Entry::kind, SyncReport.Entry::cardSerialLast4,
                            SyncReport.Entry::outcome, SyncReport.Entry::caseId, SyncReport.Entry::followUp, SyncReport.Entry::status)
                    .containsExactly(tuple(2L, "PIN_RESET", "0011", "APPLIED_WITH_CONFLICT CARD_SUSPENDED", "CASE-100",
                            "本人に電話済み", "OPEN"));
            assertThat(report.rejected()).extracting(SyncReport.Entry::seq, SyncReport.Entry::outcome, SyncReport.Entry::status)
                    .containsExactly(tuple(3L, "UNKNOWN_CARD", "CLOSED"), tuple(4L, "UNKNOWN_CARD", "OPEN"));
            assertThat(report.auditHeadLocal()).isEqualTo(fx.store.verifyAudit().headHash()).hasSize(64);
            assertThat(report.auditHeadCentral()).isNull();
            assertThat(report.cacheAges()).extracting(SyncReport.CacheAge::dataset, SyncReport.CacheAge::age)
                    .containsExactly(tuple(SyncCaseReports.OFFICE_FEED, Duration.ofHours(3)));
            assertThat(report.gaijiFlags()).as("U+30000 is in no report font; 𠮷 is in IPAmj明朝")
                    .extracting(SyncReport.GaijiFlag::recordId, SyncReport.GaijiFlag::codePoint)
                    .containsExactly(tuple("card ...0012", "U+30000"));

            PeriodReports reports = new PeriodReports(new ReportService(ENGINE), ENGINE, OfficeLetterhead.none(),
                    new ValidityRules(), fx.clock, "T01");
            var assembled = reports.assemble(fx.data(status), new PeriodReports.Request(ReportCatalogue.SYNC_REPORT.name(),
                    null, null));
            PeriodReports.Output out = reports.render(assembled);
            String text = ReportingFixture.text(out.pdf());
            assertThat(text).contains("同期・競合レポート", "CASE-100", "本人に電話済み", "CLOSED", "UNKNOWN_CARD", "0011",
                    "U+30000", report.auditHeadLocal().substring(0, 16))
                    .as("never more than the last 4 characters of a card serial").doesNotContain("100000000000012");
            Files.createDirectories(ExpiryWorkTest.PREVIEWS);
            Files.write(ExpiryWorkTest.PREVIEWS.resolve("period-sync-report.pdf"), out.pdf());

            // The tally of that business day counts the same acts per clerk and outcome.
            var tally = reports.assemble(fx.data(status), new PeriodReports.Request(ReportCatalogue.DAILY_TALLY.name(),
                    LocalDate.of(2026, 11, 25), null));
            DailyTally t = (DailyTally) tally.documents().get(0).data();
            assertThat(t.lines()).extracting(DailyTally.TallyLine::clerkId, DailyTally.TallyLine::clerkName,
                            DailyTally.TallyLine::operation, DailyTally.TallyLine::outcome, DailyTally.TallyLine::count)
                    .containsExactlyInAnyOrder(
                            tuple("C001", "窓口 花子", "DELIVERY_COMPLETED", DailyTallies.DONE, 2),
                            tuple("C001", "窓口 花子", "PIN_RESET", "CARD_SUSPENDED", 1),
                            tuple("C001", "窓口 花子", "PIN_RESET", DailyTallies.DONE, 1),
                            tuple("C002", "C002", "DELIVERY_COMPLETED", "UNKNOWN_CARD", 1),
                            tuple("C001", "窓口 花子", "PIN_RESET", "UNKNOWN_CARD", 1));
            assertThat(t.sync()).isEqualTo(new DailyTally.SyncCounts(0, 2, 1, 2));
            assertThat(t.stock().delivered()).isEqualTo(2);
            var otherDay = reports.assemble(fx.data(status), new PeriodReports.Request(ReportCatalogue.DAILY_TALLY.name(),
                    LocalDate.of(2026, 11, 24), null));
            assertThat(((DailyTally) otherDay.documents().get(0).data()).lines()).isEmpty();
            assertThat(ReportingFixture.text(reports.render(otherDay).pdf())).contains("日計表", "2026-11-24");
        }
    }
}

package jp.madoguchi.app.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.LinkState;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.SyncStatus;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.model.DailyTally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily tally's self-approvals (counter-rules PR-03, §6.4) from a real store: acts recorded with
 * the approval payload the workflows write (CounterWorkflow.act), read back through their sealed
 * payload, and printed on the 日計表 PDF.
 */
class DailyTalliesTest {

    static final Instant T0 = Instant.parse("2026-11-25T01:42:00Z"); // 10:42 JST
    static final ReportEngine ENGINE = new ReportEngine();

    @TempDir
    Path dir;

    /** A voluntary proxy's delivery by {@code clerk}, approved by {@code supervisor} (with a reason when self-approved). */
    private static CounterAct proxyDelivery(String serial, String clerk, String supervisor, String reason, Instant at) {
        Map<String, Object> approval = new LinkedHashMap<>();
        approval.put("supervisorId", supervisor);
        approval.put("approvedAt", at.toString());
        if (reason != null) {
            approval.put("selfApprovalReason", reason);
        }
        Map<String, Object> payload = new LinkedHashMap<>(Map.of("cardSerial", serial, "applicationId", "A1", "deliveredAt",
                at.toString(), "visitorType", "VOLUNTARY_PROXY", "idMethod", List.of("ID_A", "ID_A"), "pinTypesSet", List.of("AUTH"),
                "cardType", "PIN"));
        payload.put("approval", approval);
        return new CounterAct(OperationType.DELIVERY_COMPLETED, clerk, supervisor, serial, 1L, payload);
    }

    @Test
    void a_selfApproval_isListed_withTimeSupervisorAndReason_andPrinted() throws Exception {
        try (ReportingFixture fx = new ReportingFixture(dir, T0)) {
            // The signed-in staff member (ReportingFixture.data: C001) approved their own delivery as the only supervisor on duty.
            fx.store.record(proxyDelivery("100000000000021", "C001", "C001", "責任者が一人のため（S002は休暇）", T0));
            // Approved by a different supervisor: no line.
            fx.store.record(proxyDelivery("100000000000022", "C002", "S002", null, T0.plus(Duration.ofMinutes(5))));
            // Another clerk's self-approval, printed by id.
            fx.clock.set(T0.plus(Duration.ofHours(3)));
            fx.store.record(proxyDelivery("100000000000023", "S009", "S009", "午後は一人勤務", fx.clock.instant()));
            // The next business day's self-approval is not this day's.
            fx.clock.set(T0.plus(Duration.ofDays(1)));
            fx.store.record(proxyDelivery("100000000000024", "C001", "C001", "翌日の分", fx.clock.instant()));
            SyncStatus status = new SyncStatus(LinkState.OFFLINE, 4, Duration.ZERO, null, null, 0, null);

            DailyTally t = DailyTallies.of(fx.data(status), LocalDate.of(2026, 11, 25), "T01", LocalDateTime.of(2026, 11, 25, 18, 0));

            assertThat(t.selfApprovals()).containsExactly(
                    "10:42 交付 承認 窓口 花子（C001） 理由：責任者が一人のため（S002は休暇）",
                    "13:42 交付 承認 S009（S009） 理由：午後は一人勤務");
            assertThat(t.lines()).extracting(DailyTally.TallyLine::count).containsOnly(1);

            PeriodReports reports = new PeriodReports(new ReportService(ENGINE), ENGINE, OfficeLetterhead.none(), new ValidityRules(),
                    fx.clock, "T01");
            var tally = reports.assemble(fx.data(status), new PeriodReports.Request(ReportCatalogue.DAILY_TALLY.name(),
                    LocalDate.of(2026, 11, 25), null));
            String text = ReportingFixture.text(reports.render(tally).pdf()).replaceAll("\\s", "");
            assertThat(text).contains("責任者が一人のため（S002は休暇）", "午後は一人勤務").doesNotContain("翌日の分");
        }
    }

    @Test
    void b_aDayWithoutSelfApprovals_listsNone() throws Exception {
        try (ReportingFixture fx = new ReportingFixture(dir, T0)) {
            fx.store.record(proxyDelivery("100000000000031", "C001", "S002", null, T0));
            SyncStatus status = new SyncStatus(LinkState.OFFLINE, 1, Duration.ZERO, null, null, 0, null);
            DailyTally t = DailyTallies.of(fx.data(status), LocalDate.of(2026, 11, 25), "T01", LocalDateTime.of(2026, 11, 25, 18, 0));
            assertThat(t.selfApprovals()).isEmpty();
            assertThat(t.lines()).hasSize(1);
        }
    }
}

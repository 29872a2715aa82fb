package jp.madoguchi.reports;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.model.CertificateRecord;
import jp.madoguchi.reports.model.DailyTally;
import jp.madoguchi.reports.model.DeliveryReceipt;
import jp.madoguchi.reports.model.ExpiryTargetList;
import jp.madoguchi.reports.model.InquiryAnswerSheet;
import jp.madoguchi.reports.model.PinResetRecord;
import jp.madoguchi.reports.model.RenewalNotice;
import jp.madoguchi.reports.model.SyncReport;

/** Every report of counter-rules §6, by name. Immutable. */
public final class ReportCatalogue {

    /** A copy of a form: the office's, signed, or the holder's. */
    public record Copy(String copy) {
    }

    private static final List<Copy> TWO_COPIES = List.of(new Copy("OFFICE"), new Copy("HOLDER"));
    private static final List<Copy> ONE_COPY = List.of(new Copy("OFFICE"));

    public static final ReportType<DeliveryReceipt> DELIVERY_RECEIPT = new ReportType<>("delivery-receipt",
            "delivery_receipt", "交付受領書", DeliveryReceipt.class, List.of("ja", "en"), r -> TWO_COPIES,
            ReportExamples::deliveryReceipt);
    public static final ReportType<PinResetRecord> PIN_RESET_RECORD = new ReportType<>("pin-reset-record",
            "pin_reset_record", "暗証番号初期化・再設定 処理記録票", PinResetRecord.class, List.of("ja"), r -> ONE_COPY,
            ReportExamples::pinResetRecord);
    public static final ReportType<CertificateRecord> CERTIFICATE_RECORD = new ReportType<>("certificate-record",
            "certificate_record", "電子証明書 更新・発行 申請書兼処理記録票", CertificateRecord.class, List.of("ja"),
            r -> ONE_COPY, ReportExamples::certificateRecord);
    /** 照会書兼回答書: posted to the holder, so Japanese only (§6's English variants are for papers the resident takes home). */
    public static final ReportType<InquiryAnswerSheet> INQUIRY_SHEET = new ReportType<>("inquiry-sheet", "inquiry_sheet",
            "照会書兼回答書", InquiryAnswerSheet.class, List.of("ja"), r -> ONE_COPY, ReportExamples::inquirySheet);
    public static final ReportType<DailyTally> DAILY_TALLY = new ReportType<>("daily-tally", "daily_tally", "日計表",
            DailyTally.class, List.of("ja"), DailyTally::rows, ReportExamples::dailyTally);
    public static final ReportType<ExpiryTargetList> EXPIRY_TARGETS = new ReportType<>("expiry-targets",
            "expiry_targets", "有効期限通知 対象者一覧", ExpiryTargetList.class, List.of("ja"), ExpiryTargetList::targets,
            ReportExamples::expiryTargets);
    public static final ReportType<RenewalNotice> RENEWAL_NOTICE = new ReportType<>("renewal-notice",
            "renewal_notice", "更新のご案内", RenewalNotice.class, List.of("ja", "en"), RenewalNotice::rows,
            ReportExamples::renewalNotice);
    public static final ReportType<SyncReport> SYNC_REPORT = new ReportType<>("sync-report", "sync_report",
            "同期・競合レポート", SyncReport.class, List.of("ja"), SyncReport::rows, ReportExamples::syncReport);

    public static final List<ReportType<?>> ALL = List.of(DELIVERY_RECEIPT, PIN_RESET_RECORD, CERTIFICATE_RECORD,
            INQUIRY_SHEET, DAILY_TALLY, EXPIRY_TARGETS, RENEWAL_NOTICE, SYNC_REPORT);

    private ReportCatalogue() {
    }

    public static Optional<ReportType<?>> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The report of that name, or {@code MDG-REPORT-010}. */
    public static ReportType<?> require(String name, String language) {
        ReportType<?> type = find(name).orElseThrow(() -> unknown(name, language));
        if (!type.speaks(language)) {
            throw unknown(name, language);
        }
        return type;
    }

    private static MadoguchiException unknown(String name, String language) {
        return new MadoguchiException(ReportFailure.UNKNOWN_REPORT, Map.of("report", name, "lang", language));
    }
}

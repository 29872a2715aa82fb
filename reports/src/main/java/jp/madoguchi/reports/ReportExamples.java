package jp.madoguchi.reports;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.madoguchi.reports.model.CertificateRecord;
import jp.madoguchi.reports.model.DailyTally;
import jp.madoguchi.reports.model.DeliveryReceipt;
import jp.madoguchi.reports.model.ExpiryTargetList;
import jp.madoguchi.reports.model.FormHeader;
import jp.madoguchi.reports.model.Holder;
import jp.madoguchi.reports.model.InquiryAnswerSheet;
import jp.madoguchi.reports.model.Kinds.CardType;
import jp.madoguchi.reports.model.Kinds.CertKind;
import jp.madoguchi.reports.model.Kinds.CollectedItem;
import jp.madoguchi.reports.model.Kinds.InquiryOperation;
import jp.madoguchi.reports.model.Kinds.ItemState;
import jp.madoguchi.reports.model.Kinds.LinkState;
import jp.madoguchi.reports.model.Kinds.PinSetBy;
import jp.madoguchi.reports.model.Kinds.PinType;
import jp.madoguchi.reports.model.Kinds.RenewalTarget;
import jp.madoguchi.reports.model.Kinds.TargetStatus;
import jp.madoguchi.reports.model.Kinds.VisitorType;
import jp.madoguchi.reports.model.PinResetRecord;
import jp.madoguchi.reports.model.RenewalNotice;
import jp.madoguchi.reports.model.SyncReport;

/**
 * One synthetic record per report, using the fictitious people of counter-rules §5: what
 * {@code ./mado report list} prints as JSON, and what the tests and previews render.
 */
public final class ReportExamples {

    private static final LocalDateTime AT = LocalDateTime.of(2026, 5, 26, 10, 42);

    private ReportExamples() {
    }

    public static FormHeader header(boolean synced) {
        return new FormHeader("みどり市役所 市民課", "132012", "WS-0042", "森 鷗介", "C1042", "髙橋 一郎",
                "0196f3a2-7c41-7d2e-9b1a-5e8f0c3d2a71", 1287, AT, synced, false);
    }

    public static Holder holder() {
        return new Holder("佐藤 花子", "サトウ ハナコ", "SATO HANAKO", "\uD842\uDFB7野", "ヨシノ", null, LocalDate.of(1988, 2, 29));
    }

    public static DeliveryReceipt deliveryReceipt() {
        return new DeliveryReceipt(header(false), holder(), "7A3F", CardType.PIN_CARD, LocalDate.of(2036, 2, 28),
                List.of(new DeliveryReceipt.CertOnCard(CertKind.SIGN, LocalDate.of(2031, 2, 28)),
                        new DeliveryReceipt.CertOnCard(CertKind.AUTH, LocalDate.of(2031, 2, 28))),
                VisitorType.HOLDER, null, null, "A×1（顔写真付き）", List.of("運転免許証"),
                List.of(new DeliveryReceipt.ItemCollected(CollectedItem.DELIVERY_NOTICE, ItemState.COLLECTED),
                        new DeliveryReceipt.ItemCollected(CollectedItem.NOTIFICATION_CARD, ItemState.DECLARED_LOST),
                        new DeliveryReceipt.ItemCollected(CollectedItem.JUKI_CARD, ItemState.NOT_HELD)),
                List.of(new DeliveryReceipt.PinSet(PinType.SIGN, PinSetBy.HOLDER),
                        new DeliveryReceipt.PinSet(PinType.AUTH, PinSetBy.HOLDER),
                        new DeliveryReceipt.PinSet(PinType.JUKI, PinSetBy.HOLDER),
                        new DeliveryReceipt.PinSet(PinType.CARD_TEXT, PinSetBy.HOLDER)),
                false, true);
    }

    public static PinResetRecord pinResetRecord() {
        return new PinResetRecord(header(true),
                new Holder("葛\uDB40\uDD00西 さくら", "カサイ サクラ", null, null, null, null, LocalDate.of(1975, 11, 3)),
                "0915", false, List.of(new PinResetRecord.PinTries(PinType.SIGN, 0), new PinResetRecord.PinTries(PinType.AUTH, 2)),
                "ロック（連続誤り）", VisitorType.HOLDER, null, "カード＋A×1", null, "完了", null);
    }

    /** A PIN reset asked for by a voluntary proxy (visit 1): the holder's name needs IPAmj (𠮷), the address is known. */
    public static InquiryAnswerSheet inquirySheet() {
        return new InquiryAnswerSheet("みどり市役所 市民課", "132012", "WS-0042", "森 鷗介", "C1042", null, AT, false,
                "Q20260526-3FA01C", AT.toLocalDate(), AT.toLocalDate().plusDays(30),
                new Holder("\uD842\uDFB7田 花子", "ヨシダ ハナコ", null, null, null, null, LocalDate.of(1990, 7, 14)),
                "〒376-0011", "群馬県みどり市緑町二丁目3番4号", InquiryOperation.PIN_RESET, "0915", "髙橋 一郎");
    }

    public static CertificateRecord certificateRecord() {
        return new CertificateRecord(header(true),
                new Holder("山\uFA11 健", "ヤマザキ ケン", null, null, null, null, LocalDate.of(1961, 4, 1)),
                true, List.of(new CertificateRecord.IssuedCert(CertKind.SIGN, "00A1B2C3D4E5F601", LocalDate.of(2031, 4, 1)),
                        new CertificateRecord.IssuedCert(CertKind.AUTH, "00A1B2C3D4E5F602", LocalDate.of(2031, 4, 1))),
                65, true, LocalDate.of(2026, 7, 15), LocalDate.of(2026, 4, 16), true, VisitorType.HOLDER, null,
                "カード＋暗証番号＋顔確認", null, 0);
    }

    /**
     * A synthetic tally of {@code rows} lines, 50 per clerk (operations × variants × outcomes), far
     * longer than a busy office's day: for the export test and the tally benchmark.
     */
    public static DailyTally dailyTally(int rows) {
        DailyTally example = dailyTally();
        String[] operations = {"交付", "暗証番号初期化", "電子証明書の更新", "電子証明書の新規発行", "一時停止解除"};
        String[] variants = {"本人", "法定代理人", "任意代理人", "署名用", "利用者証明用"};
        List<DailyTally.TallyLine> lines = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            int clerk = i / 50;
            lines.add(new DailyTally.TallyLine(String.format(Locale.ROOT, "C%04d", clerk), "職員 " + clerk + "号 髙橋",
                    operations[i % operations.length], variants[(i / 5) % variants.length],
                    i % 7 == 0 ? "MDG-ID-001" : "完了", 1 + i % 9, i % 11 == 0 ? 200 : 0));
        }
        return new DailyTally(example.officeName(), example.officeCode(), example.businessDay(), example.workstationId(),
                lines, example.sync(), example.stock(), example.selfApprovals(), example.closedBy(), example.closedAt(),
                example.printedAt());
    }

    public static DailyTally dailyTally() {
        return new DailyTally("みどり市役所 市民課", "132012", LocalDate.of(2026, 5, 26), "WS-0042", List.of(
                new DailyTally.TallyLine("C1042", "森 鷗介", "交付", "本人", "完了", 18, 0),
                new DailyTally.TallyLine("C1042", "森 鷗介", "交付", "任意代理人", "完了", 2, 0),
                new DailyTally.TallyLine("C1042", "森 鷗介", "暗証番号初期化", "署名用", "完了", 5, 0),
                new DailyTally.TallyLine("C1042", "森 鷗介", "交付", "本人", "MDG-ID-001", 1, 0),
                new DailyTally.TallyLine("C2001", "大\uFA10 美咲", "電子証明書の更新", "署名用", "完了", 9, 0),
                new DailyTally.TallyLine("C2001", "大\uFA10 美咲", "電子証明書の更新", "利用者証明用", "完了", 11, 0),
                new DailyTally.TallyLine("C2001", "大\uFA10 美咲", "再交付（手数料）", "カード＋証明書", "完了", 3, 3000),
                new DailyTally.TallyLine("C2001", "大\uFA10 美咲", "電子証明書の更新", "署名用", "MDG-CERT-001", 2, 0)),
                new DailyTally.SyncCounts(4, 1, 1, 0),
                new DailyTally.Stock(120, 40, 20, 1, 0, 139, null),
                List.of("10:12 髙橋 一郎 任意代理人への交付（責任者1名のため）"), "髙橋 一郎", AT.withHour(17).withMinute(30),
                AT.withHour(17).withMinute(31));
    }

    public static ExpiryTargetList expiryTargets() {
        return new ExpiryTargetList("みどり市役所 市民課", "132012", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30), List.of(
                new ExpiryTargetList.Target(RenewalTarget.CARD, "\uD842\uDFB7田 花子", "ヨシダ ハナコ", LocalDate.of(1990, 9, 12),
                        "緑町二丁目", LocalDate.of(2026, 9, 12), LocalDate.of(2026, 6, 13), LocalDate.of(2026, 5, 20),
                        TargetStatus.NOT_YET, false, null),
                new ExpiryTargetList.Target(RenewalTarget.SIGN, "田中 美和", "タナカ ミワ", LocalDate.of(1979, 8, 30),
                        "本町一丁目", LocalDate.of(2026, 8, 30), LocalDate.of(2026, 5, 31), null,
                        TargetStatus.NOT_YET, false, null),
                new ExpiryTargetList.Target(RenewalTarget.CARD, "ZHANG WEI", "チョウ イ", LocalDate.of(1992, 1, 5),
                        "緑町二丁目", LocalDate.of(2026, 9, 20), LocalDate.of(2026, 6, 21), LocalDate.of(2026, 5, 22),
                        TargetStatus.NOT_YET, true, LocalDate.of(2026, 9, 20))),
                AT);
    }

    public static RenewalNotice renewalNotice() {
        return new RenewalNotice("\uD842\uDFB7田 花子", "ヨシダ ハナコ", "〒376-0011", "群馬県みどり市緑町二丁目3番4号",
                List.of(new RenewalNotice.Item(RenewalTarget.CARD, LocalDate.of(2026, 9, 12), LocalDate.of(2026, 6, 13))),
                new RenewalNotice.Office("みどり市役所 市民課 マイナンバーカード窓口", "群馬県みどり市笠懸町鹿3952",
                        "平日 8:30〜17:15（第2・第4土曜日 9:00〜12:00）", "0277-00-0000"),
                LocalDate.of(2026, 6, 1));
    }

    public static SyncReport syncReport() {
        return new SyncReport("WS-0042", "みどり市役所 市民課", AT, LinkState.DEGRADED, AT.minusMinutes(7), 1287, 1281,
                List.of(new SyncReport.Pending("DELIVERY_COMPLETED", 4, Duration.ofMinutes(42)),
                        new SyncReport.Pending("PIN_RESET", 2, Duration.ofMinutes(15))),
                List.of(new SyncReport.Entry("0196f3a2-1111-7d2e-9b1a-5e8f0c3d2a71", 1203, "DELIVERY_COMPLETED", "7A3F",
                        AT.minusDays(1), "APPLIED_WITH_CONFLICT（一時停止中）", "CASE-2026-0042", "本人へ連絡済", "要対応")),
                List.of(new SyncReport.Entry("0196f3a2-2222-7d2e-9b1a-5e8f0c3d2a71", 1250, "PIN_RESET", "0915",
                        AT.minusHours(3), "REJECTED: カード廃止済", null, null, "責任者確認待ち")),
                "9f2c…e41a", "9f2c…e41a",
                List.of(new SyncReport.CacheAge("交付待ちカード", Duration.ofMinutes(7)),
                        new SyncReport.CacheAge("カード状態", Duration.ofHours(2))),
                List.of(new SyncReport.GaijiFlag("A-2026-000917", "U+F8F0", "name")));
    }
}

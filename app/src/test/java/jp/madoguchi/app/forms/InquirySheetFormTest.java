package jp.madoguchi.app.forms;

import static jp.madoguchi.app.forms.FormPdf.compact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.IdentityDocument;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.ProxyPaperwork;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.counter.workflow.ProxyInquiryWorkflow;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.common.testing.MutableClock;
import jp.madoguchi.reports.FormText;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.model.InquiryAnswerSheet;
import jp.madoguchi.reports.model.Kinds;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Visit 1 of the voluntary proxy's route (照会書兼回答書, counter-rules §2.2, PR-34) completed through the
 * real {@link ProxyInquiryWorkflow} on the real counter stack (central over mutual TLS, SQLite store and
 * read cache, the in-JVM card terminal), then its sheet made by {@link InquirySheetForm}, saved as a real
 * PDF, read back with PDFBox, and sent to the print path the wizard uses. The holder and the address
 * come from the read cache (the feed's resident summary has an address but no postal code, so the 〒
 * line is left to fill in); no PIN, My Number or full card serial is on the page. Page 1 is kept as
 * a PNG under target/form-previews.
 */
class InquirySheetFormTest {

    static final String PROXY_NAME = "髙田 葉子";

    @TempDir
    static Path dir;
    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static CounterStack stack;
    static StaffDirectory staff;
    static ReportEngine engine;
    static CardFactory.Made card;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, false, CLOCK);
        staff = StaffDirectory.open(dir.resolve("staff"), CLOCK, new LockoutRule(3, Duration.ofMinutes(15)), new PasswordHasher(1000),
                () -> { });
        staff.provision("C001", "窓口 一郎", StaffRole.CLERK, "clerk-password-1".toCharArray());
        engine = new ReportEngine();
        card = stack.cards.stream().filter(CounterStack::plainFormHolder).findFirst().orElseThrow();
        // A delivered card (PINs 5827 / ABC123), ACTIVE in the read cache: what visit 1 asks about.
        stack.insert(card.profile());
        DeliveryWorkflow d = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.HOLDER);
        d.identity(CounterStack.holderWithPassport());
        d.cardPresented();
        d.collected(List.of(new CollectedItem(CollectedItem.Kind.DELIVERY_NOTICE, CollectedItem.Disposition.COLLECTED,
                Optional.empty(), false)));
        while (d.pinToSet().isPresent()) {
            char[] pin = (d.pinToSet().get() == PinType.SIGN ? "ABC123" : "5827").toCharArray();
            d.newPin(pin, pin.clone());
        }
        d.proceed();
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        stack.remove();
        Files.createDirectories(FormPdf.PREVIEWS);
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    static ProxyInquiryWorkflow visit1(Operation operation) {
        ProxyInquiryWorkflow w = ProxyInquiryWorkflow.start(stack.station, card.cardSerial(), operation);
        w.identity(new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(),
                List.of(IdentityDocument.classA(DocumentType.PASSPORT, LocalDate.now().plusYears(3)),
                        IdentityDocument.classA(DocumentType.DRIVERS_LICENSE, LocalDate.now().plusYears(2))),
                Set.of(), Optional.empty(), ProxyPaperwork.none()));
        assertThat(w.step()).isEqualTo(ProxyInquiryWorkflow.Step.DONE);
        return w;
    }

    @Test
    void visit1_for_a_pin_reset_prints_the_registered_sheet_with_the_holder_from_the_cache() throws Exception {
        ProxyInquiryWorkflow w = visit1(Operation.PIN_RESET);
        ProxyInquiryWorkflow.Sheet sheet = w.sheet().orElseThrow();
        PrintableForm<InquiryAnswerSheet> form = InquirySheetForm.of(sheet, w.cardSerial(), stack.station, "T01", false,
                FormSource.StaffNames.of(staff), Optional.empty(), PROXY_NAME);

        InquiryAnswerSheet data = form.data();
        LocalDate day = sheet.sheet().issuedOn();
        assertThat(form.type()).isEqualTo(ReportCatalogue.INQUIRY_SHEET);
        assertThat(form.locale()).isEqualTo(Locale.JAPANESE);
        assertThat(form.recordId()).isEqualTo(sheet.sheet().number());
        assertThat(data.number()).isEqualTo(sheet.sheet().number()).matches("Q[0-9]{8}-[0-9A-F]{6}");
        assertThat(data.sentOn()).isEqualTo(day);
        assertThat(data.deadline()).isEqualTo(day.plusDays(30));
        assertThat(data.operation()).isEqualTo(Kinds.InquiryOperation.PIN_RESET);
        assertThat(data.holder().name()).isEqualTo(card.resident().name());
        assertThat(data.address()).isEqualTo(card.resident().address());
        assertThat(data.postalCode()).as("the feed's summary has no postal code").isNull();
        assertThat(data.clerkId()).isEqualTo(stack.station.staff().staffId());
        assertThat(data.supervisorName()).isNull();
        assertThat(data.cardSerialLast4()).isEqualTo(card.cardSerial().substring(card.cardSerial().length() - 4));
        assertThat(InquirySheetForm.suggestedFileName(sheet)).isEqualTo("inquiry-sheet-" + sheet.sheet().number() + ".pdf");

        Path file = FormPdf.PREVIEWS.resolve("inquiry-sheet.pdf");
        assertThat(form.saveTo(new ReportService(engine), file)).as("no 外字 flags").isEmpty();
        FormPdf pdf = FormPdf.read(file);
        assertThat(pdf.pages()).isEqualTo(1);
        assertThat(pdf.text()).contains("照会書").contains("回答書").contains("照会書番号" + data.number())
                .contains("送付日" + compact(FormText.residentDate(day, Locale.JAPANESE)))
                .contains(compact(FormText.residentDate(day.plusDays(30), Locale.JAPANESE)) + "まで")
                .contains("暗証番号の初期化・再設定").contains("カード番号（下4桁）" + data.cardSerialLast4())
                .contains(compact(card.resident().address())).contains("〒－")
                .contains("利用者証明用電子証明書の暗証番号（数字4桁）").contains("署名用電子証明書の暗証番号（6〜16文字）")
                .contains("お覚えがない場合は").contains("開封せずに").contains("送信対象外");
        assertThat(pdf.ipamj()).as("names in IPAmj明朝").contains(compact(card.resident().name())).contains(compact(PROXY_NAME));
        // Never printed: a PIN, the My Number, the full serial.
        assertThat(pdf.text()).doesNotContain("5827").doesNotContain("ABC123").doesNotContain(card.cardSerial())
                .doesNotContain(card.resident().myNumber()).doesNotContainPattern("\\d{12}");
        FormPdf.preview(file, "inquiry-sheet");

        // The wizard's 「照会書兼回答書を印刷」: the default printer, or the coded failure on a machine without one.
        try {
            assertThat(form.print(engine)).isEmpty();
        } catch (MadoguchiException e) {
            assertThat(e.code()).isEqualTo("MDG-REPORT-008");
        }
    }

    @Test
    void a_suspension_lift_sheet_asks_for_no_pin_and_a_card_gone_from_the_cache_is_a_coded_failure() throws Exception {
        ProxyInquiryWorkflow w = visit1(Operation.PIN_CHANGE);
        ProxyInquiryWorkflow.Sheet change = w.sheet().orElseThrow();
        ProxyInquiryWorkflow.Sheet lift = new ProxyInquiryWorkflow.Sheet(change.sheet(), Operation.SUSPENSION_LIFT,
                change.cardSerialLast4(), change.validUntil(), change.proxyIdMethod());
        PrintableForm<InquiryAnswerSheet> form = InquirySheetForm.of(lift, w.cardSerial(), stack.station, "T01", true,
                FormSource.StaffNames.of(staff), Optional.empty(), " ");
        assertThat(form.data().proxyName()).as("blank: a line to fill in by hand").isNull();
        Path file = FormPdf.PREVIEWS.resolve("inquiry-sheet-lift.pdf");
        form.saveTo(new ReportService(engine), file);
        String text = FormPdf.read(file).text();
        assertThat(text).contains("マイナンバーカードの一時停止解除").contains("暗証番号を記入する必要はありません")
                .doesNotContain("数字4桁").contains("訓練用・無効").contains("代理人（）");

        assertThatThrownBy(() -> InquirySheetForm.of(change, "ZZ0000000000", stack.station, "T01", false,
                FormSource.StaffNames.of(staff), Optional.empty(), PROXY_NAME))
                .isInstanceOf(MadoguchiException.class).hasMessageContaining("MDG-CARD-010");
    }
}

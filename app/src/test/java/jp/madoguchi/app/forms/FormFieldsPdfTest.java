package jp.madoguchi.app.forms;

import static jp.madoguchi.app.forms.FormPdf.compact;
import static org.assertj.core.api.Assertions.assertThat;

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
import jp.madoguchi.app.counter.domain.InquirySheet;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.ProxyEvidence;
import jp.madoguchi.app.counter.domain.ProxyPaperwork;
import jp.madoguchi.app.counter.domain.ProxyReason;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.counter.workflow.PinChangeWorkflow;
import jp.madoguchi.app.counter.workflow.PinResetWorkflow;
import jp.madoguchi.app.counter.workflow.ProxyInquiryWorkflow;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.common.testing.MutableClock;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.model.DeliveryReceipt;
import jp.madoguchi.reports.model.Kinds;
import jp.madoguchi.reports.model.PinResetRecord;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fields of counter-rules §6 that come from the act and the visit, not from the card: the approving
 * supervisor, the representative or proxy and the proxy reason (§6.1), a PIN change ticked 「変更」 and a
 * voluntary proxy's inquiry sheet (§6.2). Each form is produced from a workflow run on the real counter
 * stack (central over mutual TLS, SQLite store and read cache, the in-JVM card terminal), rendered to a
 * real PDF and read back with PDFBox; names must be drawn in IPAmj明朝. Page 1 of each PDF is kept as a
 * PNG (pdftoppm) under target/form-previews for people to look at. The workstation's clock moves a day
 * before the last test (visit 2 of the proxy route is never on the day of visit 1).
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class FormFieldsPdfTest {

    static final String PROXY_NAME = "髙田 葉子";

    @TempDir
    static Path dir;
    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static CounterStack stack;
    static StaffDirectory staff;
    static FormSource.StaffNames names;
    static ReportService reports;
    static List<CardFactory.Made> adults;
    static int next;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, false, CLOCK);
        staff = StaffDirectory.open(dir.resolve("staff"), CLOCK, new LockoutRule(3, Duration.ofMinutes(15)), new PasswordHasher(1000),
                () -> { });
        staff.provision("C001", "窓口 一郎", StaffRole.CLERK, "clerk-password-1".toCharArray());
        staff.provision("S001", "責任 太郎", StaffRole.SUPERVISOR, "supervisor-password-1".toCharArray());
        names = FormSource.StaffNames.of(staff);
        reports = new ReportService(new ReportEngine());
        adults = stack.cards.stream().filter(CounterStack::plainFormHolder).toList();
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    @AfterEach
    void pull() throws Exception {
        stack.remove();
    }

    @Test
    void a_aProxyDelivery_printsTheApprover_theProxysName_andTheReason_inIpamj() throws Exception {
        CardFactory.Made card = adults.get(next++);
        DeliveryWorkflow w = proxyDelivery(card);
        DeliveryWorkflow.Receipt r = w.receipt().orElseThrow();
        IdentityCheck visit = proxy(Optional.empty(), Optional.empty());
        var form = OperationForms.of(r, FormSource.load(stack.station, r.seq(), "T01", false, names),
                OperationForms.Visit.of(visit, PROXY_NAME), Optional.empty()).orElseThrow();
        DeliveryReceipt d = (DeliveryReceipt) form.data();
        assertThat(d.header().supervisorName()).isEqualTo("責任 太郎");
        assertThat(d.representativeName()).isEqualTo(PROXY_NAME);
        assertThat(d.proxyReason()).isEqualTo("入院中");
        assertThat(d.pinsSet()).isNotEmpty().allMatch(p -> p.by() == Kinds.PinSetBy.STAFF_FROM_SEALED_ENTRY);
        assertThat(d.idDocumentTypes()).containsExactly("旅券", "運転免許証", "運転免許証", "健康保険証");

        FormPdf pdf = render(form, "delivery-receipt-proxy-ja");
        assertThat(pdf.text()).contains("承認者責任太郎").contains("代理人" + compact(PROXY_NAME) + "（代理の理由：入院中）")
                .contains("任意代理人").contains("職員が封入の記入から設定")
                .doesNotContain(card.cardSerial()).doesNotContain("ABC123").doesNotContain("5827");
        assertThat(pdf.ipamj()).as("names are set in IPAmj明朝").contains(compact(PROXY_NAME)).contains("責任太郎").contains("窓口一郎")
                .contains(compact(card.resident().name()));
    }

    @Test
    void b_aHoldersDelivery_printsADashForTheApprover_andNoProxyLines() throws Exception {
        CardFactory.Made card = adults.get(next++);
        stack.insert(card.profile());
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.HOLDER);
        w.identity(CounterStack.holderWithPassport());
        w.cardPresented();
        w.collected(NOTICE);
        setPins(w);
        DeliveryWorkflow.Receipt r = w.receipt().orElseThrow();
        // A proxy name typed and then abandoned for the holder route does not reach the form.
        var form = OperationForms.of(r, FormSource.load(stack.station, r.seq(), "T01", false, names),
                OperationForms.Visit.of(CounterStack.holderWithPassport(), PROXY_NAME), Optional.empty()).orElseThrow();
        DeliveryReceipt d = (DeliveryReceipt) form.data();
        assertThat(d.header().supervisorName()).isNull();
        assertThat(d.representativeName()).isNull();
        assertThat(d.proxyReason()).isNull();
        FormPdf pdf = render(form, "delivery-receipt-holder-ja");
        assertThat(pdf.text()).contains("承認者—").contains("代理人—").doesNotContain("代理の理由").doesNotContain(compact(PROXY_NAME));
    }

    @Test
    void c_aPinChange_printsTheRecordWithChangeTicked_andNoTriesBefore() throws Exception {
        CardFactory.Made card = deliveredAndActive();
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(PinType.AUTH, PinType.JUKI));
        w.identity(CounterStack.holderWithPassport());
        assertThat(w.failure()).isEmpty();
        while (w.pinInHand().isPresent()) {
            w.currentPin("5827".toCharArray());
            assertThat(w.failure()).as("current PIN").isEmpty();
            w.newPin("3917".toCharArray(), "3917".toCharArray());
            assertThat(w.failure()).as("new PIN").isEmpty();
        }
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.DONE);
        PinChangeWorkflow.Receipt r = w.receipt().orElseThrow();
        assertThat(OperationForms.hasForm(r)).isTrue();
        assertThat(OperationForms.suggestedFileName(r)).isEqualTo("pin-reset-record-" + r.seq() + ".pdf");
        var form = OperationForms.of(r, FormSource.load(stack.station, r.seq(), "T01", false, names),
                new OperationForms.Visit(List.of(DocumentType.PASSPORT), null, null, null, null), Optional.empty()).orElseThrow();
        assertThat(form.type()).isEqualTo(ReportCatalogue.PIN_RESET_RECORD);
        assertThat(form.locale()).isEqualTo(Locale.JAPANESE);
        PinResetRecord p = (PinResetRecord) form.data();
        assertThat(p.change()).isTrue();
        assertThat(p.pins()).containsExactly(new PinResetRecord.PinTries(Kinds.PinType.AUTH, null),
                new PinResetRecord.PinTries(Kinds.PinType.JUKI, null));
        assertThat(p.header().localSeq()).isEqualTo(r.seq());
        assertThat(p.inquiry()).isNull();

        FormPdf pdf = render(form, "pin-change-record");
        assertThat(pdf.text()).contains("暗証番号変更処理記録票").contains("□初期化・再設定■変更理由：ご本人の希望による変更")
                .contains("□署名用電子証明書の暗証番号■利用者証明用電子証明書の暗証番号"
                        + "■住民基本台帳用の暗証番号□券面事項入力補助用の暗証番号")
                .contains("承認者—")
                .doesNotContain("処理前の残り回数").doesNotContain("5827").doesNotContain("3917");
        assertThat(pdf.ipamj()).contains(compact(card.resident().name())).contains("窓口一郎");
    }

    @Test
    void d_aProxysPinReset_atVisit2_printsTheInquirySheet_itsPostingDay_andDeadline() throws Exception {
        CardFactory.Made card = deliveredAndActive();
        ProxyInquiryWorkflow visit1 = ProxyInquiryWorkflow.start(stack.station, card.cardSerial(), Operation.PIN_RESET);
        visit1.identity(new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(), List.of(passport(), licence()), Set.of(),
                Optional.empty(), ProxyPaperwork.none()));
        assertThat(visit1.failure()).isEmpty();
        InquirySheet sheet = visit1.sheet().orElseThrow().sheet();
        LocalDate day1 = sheet.issuedOn();
        CLOCK.advance(Duration.ofDays(1));

        PinResetWorkflow w = PinResetWorkflow.start(stack.station, VisitorType.VOLUNTARY_PROXY);
        w.cardPresented();
        w.choose(Set.of(PinType.AUTH), PinResetWorkflow.Reason.FORGOTTEN);
        // The date typed at visit 2 is not the one judged: the register's (the number's) is.
        InquirySheet typed = new InquirySheet(sheet.number(), day1.minusDays(5));
        IdentityCheck visit2 = new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(), List.of(passport(), licence()),
                Set.of(PossessionProof.CARD_PRESENTED), Optional.empty(), new ProxyPaperwork(Optional.empty(), Set.of(), false, false,
                        false, Optional.of(typed), Optional.of(new ProxyPaperwork.SealedAnswer(
                                ProxyPaperwork.SealedAnswer.Source.INQUIRY_SHEET, true))));
        w.identity(visit2);
        assertThat(w.failure()).isEmpty();
        w.newPin("8080".toCharArray(), "8080".toCharArray());
        assertThat(w.step()).isEqualTo(PinResetWorkflow.Step.DONE);
        PinResetWorkflow.Receipt r = w.receipt().orElseThrow();
        var form = OperationForms.of(r, FormSource.load(stack.station, r.seq(), "T01", false, names),
                OperationForms.Visit.of(visit2, PROXY_NAME), Optional.empty()).orElseThrow();
        PinResetRecord p = (PinResetRecord) form.data();
        assertThat(p.change()).isFalse();
        assertThat(p.inquiry()).isEqualTo(new PinResetRecord.InquirySheet(sheet.number(), day1, day1.plusDays(30)));
        assertThat(p.representativeName()).isEqualTo(PROXY_NAME);
        assertThat(OperationForms.Visit.of(visit2, PROXY_NAME).sealedAnswerUnopened()).as("for §6.3's sealed-answer line").isTrue();

        FormPdf pdf = render(form, "pin-reset-record-proxy");
        assertThat(pdf.text()).contains("■初期化・再設定□変更").contains("任意代理人" + compact(PROXY_NAME))
                .contains("番号" + sheet.number() + "送付日" + compact(residentDate(day1)) + "回答期限"
                        + compact(residentDate(day1.plusDays(30))))
                .contains("処理前の残り回数3").doesNotContain("8080");
        assertThat(pdf.ipamj()).contains(compact(PROXY_NAME));
    }

    @Test
    void e_aForeignResidentsProxyDelivery_printsTheSameFieldsInEnglish() throws Exception {
        CardFactory.Made card = stack.card(m -> m.resident().foreign() && CounterStack.age(m) >= 18 && !m.pinsPreset()
                && m.resident().name().codePoints().allMatch(c -> c <= 0xFFFF));
        DeliveryWorkflow w = proxyDelivery(card);
        DeliveryWorkflow.Receipt r = w.receipt().orElseThrow();
        var form = OperationForms.of(r, FormSource.load(stack.station, r.seq(), "T01", false, names),
                OperationForms.Visit.of(proxy(Optional.empty(), Optional.empty()), PROXY_NAME), Optional.empty()).orElseThrow();
        assertThat(form.locale()).isEqualTo(Locale.ENGLISH);
        FormPdf pdf = render(form, "delivery-receipt-proxy-en");
        assertThat(pdf.text()).contains("Approvedby責任太郎")
                .contains("Representative" + compact(PROXY_NAME) + "(Reasonforproxy:Inhospital)");
        assertThat(pdf.ipamj()).contains(compact(PROXY_NAME)).contains("責任太郎");
    }

    // ---- the acts ----------------------------------------------------------------------------------

    static final List<CollectedItem> NOTICE = List.of(new CollectedItem(CollectedItem.Kind.DELIVERY_NOTICE,
            CollectedItem.Disposition.COLLECTED, Optional.empty(), false));

    static IdentityDocument passport() {
        return IdentityDocument.classA(DocumentType.PASSPORT, LocalDate.now().plusYears(3));
    }

    static IdentityDocument licence() {
        return IdentityDocument.classA(DocumentType.DRIVERS_LICENSE, LocalDate.now().plusYears(2));
    }

    /** A voluntary proxy with the holder's and their own documents, the reason (in hospital) and its evidence. */
    static IdentityCheck proxy(Optional<InquirySheet> sheet, Optional<ProxyPaperwork.SealedAnswer> answer) {
        return new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(passport(), licence()),
                List.of(licence(), IdentityDocument.classB(DocumentType.HEALTH_INSURANCE_CERTIFICATE)), Set.of(), Optional.empty(),
                new ProxyPaperwork(Optional.of(ProxyReason.HOSPITAL), Set.of(ProxyEvidence.MEDICAL_CERTIFICATE), true, true, false,
                        sheet, answer));
    }

    /** A clerk's delivery to a voluntary proxy, approved by supervisor S001, to DONE. */
    static DeliveryWorkflow proxyDelivery(CardFactory.Made card) throws Exception {
        stack.insert(card.profile());
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.VOLUNTARY_PROXY);
        w.identity(proxy(Optional.empty(), Optional.empty()));
        assertThat(w.failure()).as("identity").isEmpty();
        w.cardPresented();
        w.collected(NOTICE);
        assertThat(w.awaitingApproval()).isTrue();
        w.approve(staff, "S001", "supervisor-password-1".toCharArray());
        assertThat(w.failure()).as("approval").isEmpty();
        setPins(w);
        return w;
    }

    static void setPins(DeliveryWorkflow w) {
        while (w.pinToSet().isPresent()) {
            char[] pin = (w.pinToSet().get() == PinType.SIGN ? "ABC123" : "5827").toCharArray();
            w.newPin(pin, pin.clone());
            assertThat(w.failure()).as("PIN").isEmpty();
        }
        w.proceed();
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
    }

    /** A card delivered to its holder (PINs 5827 / ABC123), ACTIVE in the read cache, inserted. */
    static CardFactory.Made deliveredAndActive() throws Exception {
        CardFactory.Made card = adults.get(next++);
        stack.insert(card.profile());
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.HOLDER);
        w.identity(CounterStack.holderWithPassport());
        w.cardPresented();
        w.collected(NOTICE);
        setPins(w);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        return card;
    }

    // ---- the PDF -------------------------------------------------------------------------------------

    /** Saves the form (no 外字 flags expected), reads page 1 back and keeps it as a PNG. */
    static FormPdf render(PrintableForm<?> form, String name) throws Exception {
        Path file = FormPdf.PREVIEWS.resolve(name + ".pdf");
        Files.createDirectories(FormPdf.PREVIEWS);
        assertThat(form.saveTo(reports, file)).as("no 外字 flags").isEmpty();
        FormPdf.preview(file, name);
        return FormPdf.read(file);
    }

    static String residentDate(LocalDate d) {
        return jp.madoguchi.reports.FormText.residentDate(d, Locale.JAPANESE);
    }
}

package jp.madoguchi.app.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.counter.workflow.IssuanceWorkflow;
import jp.madoguchi.app.counter.workflow.PinResetWorkflow;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.model.CertificateRecord;
import jp.madoguchi.reports.model.DeliveryReceipt;
import jp.madoguchi.reports.model.Kinds;
import jp.madoguchi.reports.model.PinResetRecord;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forms of completed workflows, mapped from the acts as the store recorded them, on the real
 * counter stack (central over mutual TLS, the SQLite store and read cache) with the in-JVM card
 * terminal. Names go from central's feed to the form unchanged: supplementary characters and
 * variation selectors included.
 */
class OperationFormsTest {

    /** No staff directory: the signed-in clerk's own name is printed. */
    static final FormSource.StaffNames NO_DIRECTORY = id -> Optional.empty();

    @TempDir
    static Path dir;
    static CounterStack stack;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, false, Clock.systemUTC());
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    @AfterEach
    void pull() throws Exception {
        stack.remove();
    }

    /** A name beyond the BMP or with a variation selector: what a careless mapping would break. */
    static boolean hardName(CardFactory.Made m) {
        String name = m.resident().name();
        return name.codePoints().anyMatch(c -> c > 0xFFFF);
    }

    @Test
    void the_delivery_receipt_prints_the_recorded_act_and_the_name_exactly() throws Exception {
        CardFactory.Made card = stack.card(m -> CounterStack.age(m) >= 18 && !m.pinsPreset() && hardName(m) && !m.resident().foreign());
        stack.insert(card.profile());
        DeliveryWorkflow w = deliver(card);
        DeliveryWorkflow.Receipt r = w.receipt().orElseThrow();
        FormSource source = FormSource.load(stack.station, r.seq(), "T01", false, NO_DIRECTORY);
        var form = OperationForms.of(r, source, new OperationForms.Visit(List.of(DocumentType.PASSPORT), null, null, null, null),
                Optional.empty()).orElseThrow();

        assertThat(form.type()).isEqualTo(ReportCatalogue.DELIVERY_RECEIPT);
        assertThat(form.locale()).isEqualTo(Locale.JAPANESE);
        assertThat(form.recordId()).isEqualTo(r.opId().toString());
        DeliveryReceipt d = (DeliveryReceipt) form.data();
        String name = card.resident().name();
        assertThat(d.holder().name()).isEqualTo(name);
        assertThat(d.holder().name().codePoints().toArray()).isEqualTo(name.codePoints().toArray());
        assertThat(d.holder().nameFurigana()).isEqualTo(card.resident().nameFurigana());
        assertThat(d.holder().birthDate()).isEqualTo(card.resident().birthDate());
        assertThat(d.cardSerialLast4()).isEqualTo(card.cardSerial().substring(card.cardSerial().length() - 4));
        assertThat(d.cardType()).isEqualTo(Kinds.CardType.PIN_CARD);
        assertThat(d.cardExpiry()).isAfter(LocalDate.now());
        assertThat(d.certificates()).containsExactlyElementsOf(source.card().liveCertificates().stream()
                .sorted(java.util.Comparator.comparing(c -> c.kind().ordinal()))
                .map(c -> new DeliveryReceipt.CertOnCard(Kinds.CertKind.valueOf(c.kind().name()),
                        jp.madoguchi.app.counter.rules.ValidityRules.expiryDate(c.notAfter())))
                .toList());
        assertThat(d.visitorType()).isEqualTo(Kinds.VisitorType.HOLDER);
        assertThat(d.representativeName()).isNull();
        assertThat(d.idMethod()).isEqualTo("A（顔写真付きの公的書類）×1");
        assertThat(d.idDocumentTypes()).containsExactly("旅券");
        assertThat(d.items()).containsExactly(
                new DeliveryReceipt.ItemCollected(Kinds.CollectedItem.DELIVERY_NOTICE, Kinds.ItemState.COLLECTED),
                new DeliveryReceipt.ItemCollected(Kinds.CollectedItem.JUKI_CARD, Kinds.ItemState.NOT_HELD));
        assertThat(d.pinsSet()).extracting(DeliveryReceipt.PinSet::pin).containsExactlyElementsOf(r.pinTypesSet().stream().sorted()
                .map(t -> Kinds.PinType.valueOf(t.name())).toList());
        assertThat(d.pinsSet()).extracting(DeliveryReceipt.PinSet::pin).contains(Kinds.PinType.AUTH, Kinds.PinType.JUKI);
        assertThat(d.pinsSet()).allMatch(p -> p.by() == Kinds.PinSetBy.HOLDER);
        assertThat(d.pinsPreset()).isFalse();
        assertThat(d.offline()).isFalse();
        assertThat(d.header().clerkId()).isEqualTo("C001");
        assertThat(d.header().clerkName()).isEqualTo("窓口 一郎");
        assertThat(d.header().officeName()).isEqualTo("試験市役所");
        assertThat(d.header().officeCode()).isEqualTo(CounterStack.OFFICE);
        assertThat(d.header().workstationId()).isEqualTo("T01");
        assertThat(d.header().localSeq()).isEqualTo(r.seq());
        assertThat(d.header().operationId()).isEqualTo(r.opId().toString());
        assertThat(d.toString()).as("no PIN and no full serial on the form").doesNotContain("ABC123")
                .doesNotContain(card.cardSerial());

        // The same act once central acknowledged it prints 「送信済」.
        CounterStack.await("ACKED", Duration.ofSeconds(20),
                () -> FormSource.load(stack.station, r.seq(), "T01", false, NO_DIRECTORY).synced());

        // PIN reset of the same card, once the delivery came back through the feed (a card the read
        // cache still holds as ISSUED is not in use yet): the record of §6.2.
        stack.engine.wake();
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20),
                () -> stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false));
        PinResetWorkflow reset = PinResetWorkflow.start(stack.station, VisitorType.HOLDER);
        reset.cardPresented();
        assertThat(reset.failure()).isEmpty();
        reset.choose(Set.of(PinType.AUTH, PinType.JUKI), PinResetWorkflow.Reason.FORGOTTEN);
        reset.identity(CounterStack.holderWithPassport());
        while (reset.pinToSet().isPresent()) {
            reset.newPin("4071".toCharArray(), "4071".toCharArray());
            assertThat(reset.failure()).isEmpty();
        }
        PinResetWorkflow.Receipt pr = reset.receipt().orElseThrow();
        var pinForm = OperationForms.of(pr, FormSource.load(stack.station, pr.seq(), "T01", true, NO_DIRECTORY),
                OperationForms.Visit.none(), Optional.empty()).orElseThrow();
        assertThat(pinForm.type()).isEqualTo(ReportCatalogue.PIN_RESET_RECORD);
        PinResetRecord p = (PinResetRecord) pinForm.data();
        assertThat(p.holder().name()).isEqualTo(name);
        assertThat(p.change()).isFalse();
        assertThat(p.pins()).containsExactly(new PinResetRecord.PinTries(Kinds.PinType.AUTH, 3),
                new PinResetRecord.PinTries(Kinds.PinType.JUKI, 3));
        assertThat(p.handles(Kinds.PinType.SIGN)).isFalse();
        assertThat(p.reason()).isEqualTo("暗証番号を忘れた");
        assertThat(p.result()).isEqualTo("完了");
        assertThat(p.refusalCode()).isNull();
        assertThat(p.header().training()).isTrue();
        assertThat(p.header().localSeq()).isEqualTo(pr.seq());
        assertThat(p.toString()).doesNotContain("4071");
    }

    @Test
    void a_foreign_residents_receipt_is_english_and_issuance_prints_the_certificate_record() throws Exception {
        CardFactory.Made card = stack.card(m -> m.resident().foreign() && CounterStack.age(m) >= 18 && !m.pinsPreset());
        stack.insert(card.profile());
        DeliveryWorkflow w = deliver(card);
        DeliveryWorkflow.Receipt r = w.receipt().orElseThrow();
        FormSource source = FormSource.load(stack.station, r.seq(), "T01", false, NO_DIRECTORY);
        assertThat(source.foreignResident()).isTrue();
        var form = OperationForms.of(r, source, new OperationForms.Visit(List.of(DocumentType.RESIDENCE_CARD), null, null, null, null),
                Optional.empty()).orElseThrow();
        assertThat(form.locale()).isEqualTo(Locale.ENGLISH);
        DeliveryReceipt d = (DeliveryReceipt) form.data();
        assertThat(d.holder().name()).isEqualTo(card.resident().name());
        assertThat(d.idMethod()).isEqualTo("A (official document with photo)×1");
        assertThat(d.idDocumentTypes()).containsExactly("Residence card");
        // A form only in Japanese stays Japanese for a foreign resident too.
        assertThat(OperationForms.language(ReportCatalogue.CERTIFICATE_RECORD, source)).isEqualTo(Locale.JAPANESE);
    }

    @Test
    void issuance_maps_to_a_new_issue_record() throws Exception {
        CardFactory.Made card = stack.card(m -> CounterStack.age(m) >= 18 && !m.pinsPreset() && !m.resident().foreign()
                && noAuthCertificate(m));
        stack.insert(card.profile());
        deliver(card);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        IssuanceWorkflow i = IssuanceWorkflow.start(stack.station, VisitorType.HOLDER);
        i.cardPresented();
        i.choose(Set.of(CertKind.AUTH), false);
        assertThat(i.failure()).isEmpty();
        i.jukiPin("5827".toCharArray());
        i.identity(CounterStack.holderWithPassport());
        assertThat(i.failure()).isEmpty();
        while (i.pinToSet().isPresent()) {
            i.newPin("5827".toCharArray(), "5827".toCharArray());
        }
        i.proceed();
        IssuanceWorkflow.Receipt ir = i.receipt().orElseThrow();
        long seq = OperationForms.seqOf(ir);
        var form = OperationForms.of(ir, FormSource.load(stack.station, seq, "T01", false, NO_DIRECTORY), OperationForms.Visit.none(),
                Optional.empty()).orElseThrow();
        assertThat(form.type()).isEqualTo(ReportCatalogue.CERTIFICATE_RECORD);
        assertThat(OperationForms.suggestedFileName(ir)).isEqualTo("certificate-record-" + seq + ".pdf");
        CertificateRecord c = (CertificateRecord) form.data();
        assertThat(c.renewal()).isFalse();
        assertThat(c.oldExpiry()).isNull();
        assertThat(c.windowOpened()).isNull();
        assertThat(c.issued()).hasSize(1);
        CertificateRecord.IssuedCert issued = c.issued().get(0);
        assertThat(issued.kind()).isEqualTo(Kinds.CertKind.AUTH);
        String serial = ir.certificates().get(0).certSerialHex();
        assertThat(issued.serialLast8()).isEqualTo(serial.substring(Math.max(0, serial.length() - 8)));
        assertThat(issued.notAfter()).isAfter(LocalDate.now());
        assertThat(c.ageOnDay()).isEqualTo(CounterStack.age(card));
        assertThat(c.adultWardCheckPassed()).isTrue();
        assertThat(c.pinKept()).isEqualTo(ir.pinsSet().isEmpty());
        assertThat(c.feeYen()).isZero();
        assertThat(c.holder().name()).isEqualTo(card.resident().name());
    }

    @Test
    void the_printed_words_exist_in_both_languages_for_everything_the_wizards_record() throws Exception {
        java.util.Properties ja = new java.util.Properties();
        java.util.Properties en = new java.util.Properties();
        for (var pair : List.of(java.util.Map.entry("FormWords.properties", ja), java.util.Map.entry("FormWords_en.properties", en))) {
            try (var in = OperationForms.class.getResourceAsStream(pair.getKey())) {
                pair.getValue().load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(en.stringPropertyNames()).isEqualTo(ja.stringPropertyNames());
        for (PinResetWorkflow.Reason r : PinResetWorkflow.Reason.values()) {
            assertThat(ja).containsKey("reason." + r.name());
        }
        assertThat(ja).containsKey("reason.change");
        for (jp.madoguchi.app.counter.domain.ProxyReason r : jp.madoguchi.app.counter.domain.ProxyReason.values()) {
            assertThat(ja).containsKey("proxyReason." + r.name());
        }
        for (jp.madoguchi.app.counter.domain.DocumentClass c : jp.madoguchi.app.counter.domain.DocumentClass.values()) {
            assertThat(ja).containsKey("class." + c.name());
        }
        for (DocumentType d : jp.madoguchi.app.ui.WizardViewModel.DOCUMENTS) {
            assertThat(ja).containsKey("doc." + d.name());
        }
        assertThat(en.values()).allMatch(v -> !v.toString().matches(".*[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}].*"));
    }

    private static boolean noAuthCertificate(CardFactory.Made m) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.profile().toFile()).path("certificates").path("auth").isNull();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DeliveryWorkflow deliver(CardFactory.Made card) {
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.HOLDER);
        assertThat(w.failure()).isEmpty();
        w.identity(CounterStack.holderWithPassport());
        assertThat(w.failure()).as("identity").isEmpty();
        w.cardPresented();
        w.collected(List.of(new CollectedItem(CollectedItem.Kind.DELIVERY_NOTICE, CollectedItem.Disposition.COLLECTED,
                        Optional.empty(), false),
                new CollectedItem(CollectedItem.Kind.JUKI_CARD, CollectedItem.Disposition.NOT_HELD, Optional.empty(), false)));
        while (w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            char[] pin = (t == PinType.SIGN ? "ABC123" : "5827").toCharArray();
            w.newPin(pin, pin.clone());
            assertThat(w.failure()).as("PIN " + t).isEmpty();
        }
        w.proceed();
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        return w;
    }
}

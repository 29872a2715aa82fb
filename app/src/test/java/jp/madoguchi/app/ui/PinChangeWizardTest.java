package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.counter.workflow.PinChangeWorkflow;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PIN change wizard's step logic without a window, on the real counter stack with the in-JVM
 * card terminal: card → PINs to change → identity → the current PIN on the pad (a wrong one costs a
 * try and is asked again) → the new PIN twice on the pad → summary; a locked PIN is refused at the
 * choice with MDG-PIN-004.
 */
class PinChangeWizardTest {

    @TempDir
    static Path dir;
    static CounterStack stack;
    static List<CardFactory.Made> adults;
    private final Texts texts = new Texts(Locale.JAPANESE);
    private WizardViewModel vm;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, false, Clock.systemUTC());
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    @AfterEach
    void pull() throws Exception {
        vm.close();
        stack.remove();
    }

    /** Delivers {@code card} (inserted) with the test PINs: ABC123 for signing, 5827 for the others. */
    static void deliver(CounterStack stack, CardFactory.Made card) throws Exception {
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.HOLDER);
        w.identity(CounterStack.holderWithPassport());
        w.cardPresented();
        w.collected(List.of(new CollectedItem(CollectedItem.Kind.DELIVERY_NOTICE, CollectedItem.Disposition.COLLECTED, Optional.empty(),
                false)));
        while (w.pinToSet().isPresent()) {
            char[] pin = (w.pinToSet().get() == PinType.SIGN ? "ABC123" : "5827").toCharArray();
            w.newPin(pin, pin.clone());
        }
        w.proceed();
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        // A change needs the card ACTIVE in the read cache (§2.2): wait for central's answer to arrive.
        CounterStack.await("cache ACTIVE", java.time.Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
    }

    /** Where the summary's 「PDFで保存」 writes (the save dialog's answer). */
    private Path formFile;

    private WizardViewModel wizard() {
        formFile = dir.resolve("form-" + System.nanoTime() + ".pdf");
        WizardPrinting save = WizardViewModelTest.printing();
        vm = new WizardViewModel(texts, new SameThread(), Runnable::run, (t, q) -> true, staff -> stack.station,
                new StaffAccount("C001", "窓口 一郎", StaffRole.CLERK, 0, null), ApprovalViewModelTest.staffFile(dir.resolve("staff-"
                        + System.nanoTime())), new WizardPrinting(save.service(), save.engine(), (t, name) -> Optional.of(formFile),
                        "T01", false));
        return vm;
    }

    private void enter(String pin) {
        for (char c : pin.toCharArray()) {
            vm.pad().key(c);
        }
        vm.pad().submit();
    }

    @Test
    void a_pin_change_asks_the_current_pin_then_the_new_one_on_the_pad() throws Exception {
        CardFactory.Made card = adults.get(0);
        stack.insert(card.profile());
        deliver(stack, card);
        wizard().choose(WizardViewModel.Act.PIN_CHANGE);
        assertThat(vm.pageTitleProperty().get()).isEqualTo("暗証番号の変更：来庁者");
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CARD);
        vm.advance();
        assertThat(vm.failureTextProperty().get()).isEmpty();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CHOICE);
        assertThat(vm.pageTitleProperty().get()).isEqualTo("暗証番号の変更：変更する暗証番号");
        vm.advance();
        assertThat(vm.problemTextProperty().get()).isEqualTo("暗証番号を1つ以上選んでください。");
        vm.pinChosenProperty(PinType.AUTH).set(true);
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.IDENTITY);
        vm.documentProperty().set(DocumentType.PASSPORT);
        vm.documentValidUntilProperty().set(LocalDate.now().plusYears(2));
        vm.faceCheckedProperty().set(true);
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CURRENT_PIN);
        assertThat(vm.pageTextProperty().get()).contains("現在の暗証番号").contains("利用者証明用電子証明書");
        assertThat(vm.pad().typeProperty().get()).isEqualTo(PinType.AUTH);
        enter("1111");
        assertThat(vm.failureTextProperty().get()).as("a wrong current PIN costs a try").startsWith("MDG-PIN-005");
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CURRENT_PIN);
        enter("5827");
        assertThat(vm.failureTextProperty().get()).isEmpty();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.NEW_PIN);
        assertThat(vm.pad().typeProperty().get()).isEqualTo(PinType.AUTH);
        enter("4093");
        enter("4093");
        assertThat(vm.failureTextProperty().get()).isEmpty();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.SUMMARY);
        assertThat(vm.summary()).contains("変更した暗証番号：利用者証明用電子証明書", "来庁者：本人")
                .anyMatch(l -> l.contains("記録しました"));
        texts.setLocale(Locale.ENGLISH);
        assertThat(vm.summary()).contains("PINs changed: " + texts.get("wizard.pin.AUTH"));
        // The card took the new PIN.
        assertThat(stack.monitor.submit(stack.station.reader(), c -> c.verifyPin(PinKind.AUTH, "4093".toCharArray())).get().ok())
                .isTrue();
        assertThat(PinChangeWorkflow.interrupted(stack.station)).isEmpty();
        // The summary offers the §6.2 record, 「変更」 ticked, as a PIN reset's summary does.
        assertThat(vm.formAvailableProperty().get()).isTrue();
        vm.saveForm();
        assertThat(vm.formStatusProperty().get()).startsWith("The form was saved as PDF");
        String pdf = ReportsViewModelTest.pdfText(formFile);
        assertThat(pdf).contains("暗証番号変更処理記録票").contains("□初期化・再設定■変更")
                .contains(ReportsViewModelTest.compact(card.resident().name())).doesNotContain("4093").doesNotContain("5827");
    }

    @Test
    void a_locked_pin_is_refused_at_the_choice() throws Exception {
        CardFactory.Made card = adults.get(1);
        stack.insert(card.profile());
        deliver(stack, card);
        for (int i = 0; i < 3; i++) {
            stack.monitor.submit(stack.station.reader(), c -> c.verifyPin(PinKind.AUTH, "0000".toCharArray())).get();
        }
        wizard().choose(WizardViewModel.Act.PIN_CHANGE);
        vm.advance();
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CHOICE);
        vm.pinChosenProperty(PinType.AUTH).set(true);
        vm.advance();
        assertThat(vm.failureTextProperty().get()).startsWith("MDG-PIN-004");
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CHOICE);
        assertThat(vm.cancel()).isTrue();
        assertThat(PinChangeWorkflow.interrupted(stack.station)).isEmpty();
    }
}

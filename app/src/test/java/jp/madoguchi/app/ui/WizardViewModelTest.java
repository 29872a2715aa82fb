package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.counter.workflow.OldCardCollectionWorkflow;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's step logic without a window, on the real counter stack (central over mTLS, SQLite
 * files) with the in-JVM card terminal: these tests are about which page follows which input, not
 * about the card path, which {@link WizardUiTest} drives through pcscd.
 */
class WizardViewModelTest {

    @TempDir
    static Path dir;
    static CounterStack stack;
    static List<CardFactory.Made> adults;
    static jp.madoguchi.app.staff.StaffDirectory staffFile;
    private final Texts texts = new Texts(Locale.JAPANESE);
    private final List<String> questions = new ArrayList<>();
    private boolean answer;
    private WizardViewModel vm;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, false, Clock.systemUTC());
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
        staffFile = ApprovalViewModelTest.staffFile(dir.resolve("staff"));
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

    private WizardViewModel wizard() {
        vm = new WizardViewModel(texts, new SameThread(), Runnable::run, (title, question) -> {
            questions.add(question);
            return answer;
        }, staff -> stack.station, new StaffAccount("C001", "窓口 一郎", StaffRole.CLERK, 0, null), staffFile, printing());
        return vm;
    }

    static WizardPrinting printing() {
        jp.madoguchi.reports.ReportEngine engine = new jp.madoguchi.reports.ReportEngine();
        return new WizardPrinting(new jp.madoguchi.reports.ReportService(engine), engine, (title, name) -> java.util.Optional.empty(),
                "T01", false);
    }

    private void enter(String pin) {
        for (char c : pin.toCharArray()) {
            vm.pad().key(c);
        }
        vm.pad().submit();
    }

    @Test
    void delivery_goes_page_by_page_from_the_serial_to_the_receipt() throws Exception {
        CardFactory.Made card = adults.get(0);
        wizard().choose(WizardViewModel.Act.DELIVERY);
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.START);
        vm.advance();
        assertThat(vm.problemTextProperty().get()).as("no serial yet").startsWith("カード番号を");
        vm.serialProperty().set(card.cardSerial());
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.IDENTITY);
        assertThat(vm.pageTitleProperty().get()).isEqualTo("交付：本人確認");
        vm.advance();
        assertThat(vm.problemTextProperty().get()).isEqualTo("本人確認書類を選んでください。");
        vm.documentProperty().set(DocumentType.PASSPORT);
        vm.advance();
        assertThat(vm.problemTextProperty().get()).as("a photo document needs its expiry").contains("有効期限");
        vm.documentValidUntilProperty().set(LocalDate.now().plusYears(2));
        vm.faceCheckedProperty().set(true);
        vm.advance();
        assertThat(vm.problemTextProperty().get()).isEmpty();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CARD);
        stack.insert(card.profile());
        vm.advance();
        assertThat(vm.failureTextProperty().get()).isEmpty();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.COLLECTED_ITEMS);
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.NEW_PIN);
        assertThat(vm.pad().typeProperty().get()).isEqualTo(PinType.SIGN);
        assertThat(vm.pageTextProperty().get()).contains("署名用電子証明書").doesNotContain("ABC123");
        enter("ABC123");
        enter("ABC124");
        assertThat(vm.failureTextProperty().get()).as("the workflow's own confirmation check").startsWith("MDG-PIN-003");
        assertThat(vm.pad().errorProperty().get()).startsWith("MDG-PIN-003");
        assertThat(vm.pad().typeProperty().get()).isEqualTo(PinType.SIGN);
        enter("ABC123");
        enter("ABC123");
        List<PinType> asked = new ArrayList<>();
        while (vm.pageProperty().get() == WizardViewModel.Page.NEW_PIN) {
            asked.add(vm.pad().typeProperty().get());
            enter("1111");
            enter("1111");
        }
        assertThat(asked).containsExactly(PinType.AUTH, PinType.JUKI, PinType.CARD_TEXT);
        assertThat(vm.pad().phaseProperty().get()).isEqualTo(PinPadViewModel.Phase.IDLE);
        assertThat(vm.notices()).anyMatch(n -> n.contains("推測されやすい"));
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.PROCEED);
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.SUMMARY);
        assertThat(vm.summary()).contains("カード番号（下4桁）：" + card.cardSerial().substring(11))
                .anyMatch(l -> l.startsWith("設定した暗証番号：署名用電子証明書、利用者証明用電子証明書"))
                .anyMatch(l -> l.contains("記録しました（オンライン"));
        texts.setLocale(Locale.ENGLISH);
        assertThat(vm.summary()).anyMatch(l -> l.endsWith("recorded online, on its way to central"));
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CHOOSE);
    }

    @Test
    void a_refusal_shows_its_code_and_reason() {
        wizard().choose(WizardViewModel.Act.DELIVERY);
        vm.serialProperty().set("999999999999999");
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.REFUSED);
        assertThat(vm.failureTextProperty().get()).startsWith("MDG-CARD-002");
        assertThat(vm.failure().orElseThrow().clerkMessage(Locale.JAPANESE)).isNotBlank();
    }

    @Test
    void escape_asks_before_cancelling_and_a_left_workflow_is_offered_for_resuming() throws Exception {
        CardFactory.Made card = adults.get(1);
        wizard().choose(WizardViewModel.Act.DELIVERY);
        vm.serialProperty().set(card.cardSerial());
        vm.advance();
        vm.documentProperty().set(DocumentType.DRIVERS_LICENSE);
        vm.documentValidUntilProperty().set(LocalDate.now().plusYears(1));
        vm.faceCheckedProperty().set(true);
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CARD);
        // The clerk leaves the screen: the workflow stays saved and is offered when the screen opens again.
        vm.close();
        wizard().findInterrupted();
        assertThat(vm.resumable()).extracting(WizardViewModel.Resumable::act).containsExactly(WizardViewModel.Act.DELIVERY);
        vm.resume(vm.resumable().get(0));
        assertThat(vm.pageProperty().get()).as("a resumed workflow asks for the card first").isEqualTo(WizardViewModel.Page.CARD);
        answer = false;
        assertThat(vm.cancel()).isFalse();
        assertThat(questions).containsExactly("この手続きを中止しますか。これ以降、カードへの書き込みと記録は行いません。");
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CARD);
        answer = true;
        assertThat(vm.cancel()).isTrue();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CHOOSE);
        assertThat(vm.resumable()).isEmpty();
        assertThat(DeliveryWorkflow.interrupted(stack.station)).isEmpty();
    }

    @Test
    void an_old_card_collection_left_at_identity_is_offered_for_resuming_and_the_link_is_known() throws Exception {
        CardFactory.Made card = adults.get(2);
        wizard().findInterrupted();
        assertThat(vm.onlineProperty().get()).as("the link answered: suspension lift is offered").isTrue();
        assertThat(vm.suspensionOfflineProperty().get()).isEmpty();
        vm.choose(WizardViewModel.Act.OLD_CARD_COLLECTION);
        vm.advance();
        assertThat(vm.problemTextProperty().get()).as("the holder's current card is asked for").startsWith("カード番号を");
        vm.serialProperty().set(card.cardSerial());
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.IDENTITY);
        assertThat(vm.pageTitleProperty().get()).isEqualTo("旧カード等の回収：本人確認");
        assertThat(vm.itemsAsked()).containsExactly(CollectedItem.Kind.PREVIOUS_MY_NUMBER_CARD, CollectedItem.Kind.NOTIFICATION_CARD,
                CollectedItem.Kind.JUKI_CARD);
        assertThat(vm.itemProperty(CollectedItem.Kind.PREVIOUS_MY_NUMBER_CARD).get()).isEqualTo(CollectedItem.Disposition.COLLECTED);
        assertThat(vm.itemProperty(CollectedItem.Kind.JUKI_CARD).get()).isEqualTo(CollectedItem.Disposition.NOT_HELD);
        vm.close();
        wizard().findInterrupted();
        assertThat(vm.resumable()).extracting(WizardViewModel.Resumable::act).containsExactly(WizardViewModel.Act.OLD_CARD_COLLECTION);
        vm.resume(vm.resumable().get(0));
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.IDENTITY);
        answer = true;
        assertThat(vm.cancel()).isTrue();
        assertThat(OldCardCollectionWorkflow.interrupted(stack.station)).isEmpty();
    }

    @Test
    void the_counter_parts_failing_to_open_is_shown_with_its_code() {
        vm = new WizardViewModel(texts, new SameThread(), Runnable::run, (t, q) -> true, staff -> {
                    throw new jp.madoguchi.common.MadoguchiException(UiFailure.ENROLMENT_MISSING,
                            java.util.Map.of("path", "/d/workstation.p12"));
                },
                new StaffAccount("C001", "窓口 一郎", StaffRole.CLERK, 0, null), staffFile, printing());
        vm.choose(WizardViewModel.Act.PIN_RESET);
        vm.advance();
        assertThat(vm.failureTextProperty().get()).startsWith("MDG-UI-006");
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.START);
        assertThat(vm.busyProperty().get()).isFalse();
    }
}

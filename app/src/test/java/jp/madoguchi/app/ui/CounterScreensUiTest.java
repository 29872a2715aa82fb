package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import jp.madoguchi.app.counter.rules.EraDate;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.FollowUpCase;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.Test;

/**
 * The counter screens on the real parts: the composition root opened on an enrolled data directory,
 * the reference central system over mutual TLS, the queue and read cache on SQLite, the card thread
 * over the in-JVM emulated terminal (this is about what the clerk sees; the card layer's own tests
 * run it through pcscd). Driven by keyboard and pointer, headless; screenshots in target/screenshots.
 */
class CounterScreensUiTest extends StationWindowRobot {

    @Override
    int cards() {
        return 6;
    }

    private void open() throws Exception {
        open(directory -> {
            directory.provision("C001", "窓口 花子", StaffRole.CLERK, "correct-horse-1".toCharArray());
            directory.provision("S001", "責任 太郎", StaffRole.SUPERVISOR, "correct-horse-2".toCharArray());
        });
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> items(String id) {
        return List.copyOf(((ListView<T>) lookup(id).queryAs(ListView.class)).getItems());
    }

    @Test
    void the_card_panel_fills_when_a_card_is_inserted_and_clears_when_it_is_pulled() throws Exception {
        open();
        signIn("C001", "correct-horse-1");
        waitUntil(() -> text("#cardMessage").equals(texts.get("card.noCard")));
        waitUntil(() -> text("#statusReader").contains("カードなし"));
        CardFactory.Made card = station.cards.get(0);
        station.services.trainingReaders().orElseThrow().insert(0, card.profile());
        waitUntil(() -> text("#cardMessage").equals(texts.get("card.shown")));
        assertThat(text("#cardSerial")).isEqualTo(card.cardSerial());
        assertThat(text("#cardName")).isEqualTo(card.resident().name());
        assertThat(text("#cardKana")).isEqualTo(card.resident().nameFurigana() == null ? "—" : card.resident().nameFurigana());
        assertThat(text("#cardBirth")).isEqualTo(EraDate.of(card.resident().birthDate()).japaneseText() + "（" + card.resident().birthDate() + "）");
        assertThat(text("#cardAddress")).isEqualTo(card.resident().address());
        assertThat(text("#cardSource")).isEqualTo(texts.get("card.source.record"));
        assertThat(text("#cardMyNumber")).isEqualTo(texts.get("card.myNumber.needsPin"));
        assertThat(this.<String>items("#cardPins")).hasSize(4).allSatisfy(p -> assertThat(p).contains("未設定"));
        assertThat(this.<String>items("#cardCertificates")).anySatisfy(c -> assertThat(c).startsWith("利用者証明用電子証明書：有効期限")
                .contains("中央の状態："));
        assertThat(text("#statusReader")).contains("カードあり").contains("Madoguchi Sim 00 00");
        WorkstationUiTest.assertEveryControlIsNamed(stage.getScene().getRoot());
        screenshot("30-card-panel");

        // A delivered card (OPERATIONAL, PINs set, two of them used up partly): the resident types the card
        // text PIN, and the My Number stays masked except while the reveal button is held.
        CardFactory.Made made = station.cards.get(1);
        Path delivered = delivered(made, dir, Map.of("AUTH", Map.entry("1111", 1), "SIGN", Map.entry("ABC123", 5),
                "CARD_TEXT", Map.entry("4321", 3), "JUKI", Map.entry("2222", 2)));
        String pin = "4321";
        station.services.trainingReaders().orElseThrow().insert(0, delivered);
        waitUntil(() -> text("#cardSerial").equals(made.cardSerial()) && text("#cardMessage").equals(texts.get("card.shown")));
        assertThat(this.<String>items("#cardPins")).containsExactly(
                "利用者証明用（数字4桁）：残り1回。次に間違えるとロックされ、窓口で初期化（再設定）するまで使えなくなります。",
                "署名用（英数字6〜16桁）：残り5回。1回間違えると残り4回になります。",
                "券面事項入力補助用（数字4桁）：残り3回。1回間違えると残り2回になります。",
                "住民基本台帳用（数字4桁）：残り2回。1回間違えると残り1回になります。");
        clickOn("#cardTextPin");
        write(pin);
        type(KeyCode.ENTER);
        String digits = made.resident().myNumber();
        waitUntil(() -> text("#cardMyNumber").equals("********" + digits.substring(8)));
        assertThat(text("#cardSource")).isEqualTo(texts.get("card.source.card"));
        moveTo("#cardReveal");
        press(MouseButton.PRIMARY);
        waitUntil(() -> text("#cardMyNumber").equals(digits));
        screenshot("31-card-panel-my-number-held");
        release(MouseButton.PRIMARY);
        waitUntil(() -> text("#cardMyNumber").equals("********" + digits.substring(8)));

        station.services.trainingReaders().orElseThrow().remove(0);
        waitUntil(() -> text("#cardMessage").equals(texts.get("card.pulled")));
        assertThat(text("#cardSerial")).isEqualTo("—");
        assertThat(text("#cardName")).isEqualTo("—");
        assertThat(text("#cardMyNumber")).isEqualTo("—");
        assertThat(this.<String>items("#cardPins")).isEmpty();
        screenshot("32-card-pulled");
    }

    @Test
    void awaiting_delivery_search_the_status_bar_offline_and_a_case_resolved() throws Exception {
        open();
        signIn("S001", "correct-horse-2");
        type(KeyCode.F3);
        waitUntil(() -> this.<AwaitingDeliveryViewModel.Row>items("#awaitingList").size() == 6);
        List<AwaitingDeliveryViewModel.Row> rows = items("#awaitingList");
        assertThat(rows).extracting(AwaitingDeliveryViewModel.Row::receivedOn).isSorted();
        assertThat(rows).filteredOn(AwaitingDeliveryViewModel.Row::overTarget).allSatisfy(r -> assertThat(r.days()).isGreaterThan(14));
        assertThat(rows).anySatisfy(r -> assertThat(r.overTarget()).isTrue());
        assertThat(text("#awaitingSummary")).startsWith("6件を表示（全6件）");
        CardFactory.Made wanted = station.cards.stream().filter(m -> m.resident().nameFurigana() != null).findFirst().orElseThrow();
        assertThat(lookup("#awaitingSearch").query().isFocused()).as("the search field has the focus").isTrue();
        write(hiragana(wanted.resident().nameFurigana().replace("　", "").replace(" ", "")));
        waitUntil(() -> this.<AwaitingDeliveryViewModel.Row>items("#awaitingList").stream()
                .anyMatch(r -> r.serial().equals(wanted.cardSerial())) && items("#awaitingList").size() < 6);
        screenshot("33-awaiting-delivery-search");
        push(KeyCode.CONTROL, KeyCode.A);
        write(wanted.cardSerial());
        waitUntil(() -> this.<AwaitingDeliveryViewModel.Row>items("#awaitingList").size() == 1);
        WorkstationUiTest.assertEveryControlIsNamed(stage.getScene().getRoot());

        // Central goes away: the status bar says OFFLINE; an act recorded meanwhile shows in the queue depth.
        waitUntil(() -> text("#statusLink").equals("中央システム：オンライン"));
        station.partition(true);
        waitUntil(() -> text("#statusLink").equals("中央システム：オフライン"));
        station.services.forStaff(clerk()).store().record(new CounterAct(OperationType.PIN_RESET, "C001", null, "999999999999999", null,
                Map.of("cardSerial", "999999999999999", "pinTypes", List.of("AUTH"), "reason", "FORGOTTEN",
                        "triesLeftBefore", 0, "visitorType", "HOLDER", "idMethod", List.of("ID_A"))));
        waitUntil(() -> text("#statusQueue").startsWith("送信待ち：1件"));
        screenshot("34-status-offline-queue");
        station.partition(false);
        waitUntil(() -> text("#statusLink").equals("中央システム：オンライン") && text("#statusQueue").equals("送信待ち：0"));

        // Central rejected the act (unknown card): a case the supervisor annotates and resolves.
        type(KeyCode.F4);
        waitUntil(() -> {
            if (this.<FollowUpCase>items("#syncCases").isEmpty()) {
                clickOn("#syncReload");
                return false;
            }
            return true;
        });
        assertThat(this.<String>items("#syncEntries")).anySatisfy(e -> assertThat(e).contains("PIN_RESET").contains("却下（要対応）"));
        clickOn("#syncCases");
        type(KeyCode.DOWN);
        type(KeyCode.HOME);
        clickOn("#syncNote");
        write("住民に連絡済み。カード番号の誤り");
        clickOn("#syncNoteSave");
        waitUntil(() -> this.<FollowUpCase>items("#syncCases").stream().anyMatch(c -> "住民に連絡済み。カード番号の誤り".equals(c.note())));
        clickOn("#syncCases");
        type(KeyCode.HOME);
        WorkstationUiTest.assertEveryControlIsNamed(stage.getScene().getRoot());
        screenshot("35-sync-case-annotated");
        clickOn("#syncResolve");
        waitUntil(() -> this.<FollowUpCase>items("#syncCases").isEmpty());
        assertThat(text("#syncSummary")).contains("要対応 0件");
        assertThat(station.services.forStaff(clerk()).store().openCases()).isEmpty();
        screenshot("36-sync-case-resolved");
    }

    private static String hiragana(String katakana) {
        StringBuilder b = new StringBuilder();
        katakana.codePoints().forEach(cp -> b.appendCodePoint(cp >= 0x30A1 && cp <= 0x30F6 ? cp - 0x60 : cp));
        return b.toString();
    }

    private void screenshot(String name) throws Exception {
        Screenshots.save(stage.getScene(), name);
    }
}

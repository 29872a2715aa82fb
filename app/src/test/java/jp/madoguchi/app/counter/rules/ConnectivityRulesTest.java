package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.madoguchi.app.counter.Fixtures;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.CardStatus;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.rules.ConnectivityRules.Allowed;
import jp.madoguchi.app.counter.rules.ConnectivityRules.Decision;
import jp.madoguchi.app.counter.rules.ConnectivityRules.OfficeSettings;
import jp.madoguchi.app.counter.rules.ConnectivityRules.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Central requirements and offline preconditions (counter-rules §2.0, PR-20 to PR-26). Columns:
 * operation | central reachable | cached card (-, ISSUED, ACTIVE, SUSPENDED, REVOKED, EXPIRED) | cache
 * age in hours (- = never refreshed) | maintenance day | offlineOpsOnMaintenanceDay | expected ("ok",
 * "queued:" and the notices, or a code).
 */
class ConnectivityRulesTest {

    static final LocalDate WEDNESDAY = LocalDate.of(2026, 11, 25);
    static final LocalDate MAINTENANCE_SUNDAY = LocalDate.of(2026, 11, 22);
    private final ConnectivityRules rules = new ConnectivityRules(new CardPreconditions(new ValidityRules()));

    @ParameterizedTest(name = "[{index}] {0} online={1} cached={2} age={3}h maintenance={4} setting={5} → {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            DELIVERY             | true  | ISSUED    | 1   | false | false | ok
            DELIVERY             | false | ISSUED    | 72  | false | false | queued:QUEUED_UNTIL_SYNC,CERTIFICATES_AFTER_SYNC
            DELIVERY             | false | ISSUED    | 73  | false | false | MDG-SYNC-003
            DELIVERY             | false | ISSUED    | -   | false | false | MDG-SYNC-003
            DELIVERY             | false | -         | 1   | false | false | MDG-CARD-010
            DELIVERY             | false | ACTIVE    | 1   | false | false | MDG-CARD-003
            DELIVERY             | false | SUSPENDED | 1   | false | false | MDG-CARD-004
            DELIVERY             | false | REVOKED   | 1   | false | false | MDG-CARD-005
            DELIVERY             | false | EXPIRED   | 1   | false | false | MDG-CARD-006
            PIN_RESET            | false | ACTIVE    | 10  | false | false | queued:QUEUED_UNTIL_SYNC
            PIN_CHANGE           | false | ACTIVE    | 10  | false | false | queued:QUEUED_UNTIL_SYNC
            PIN_RESET            | false | -         | 10  | false | false | MDG-CARD-010
            PIN_RESET            | false | ACTIVE    | 100 | false | false | MDG-SYNC-003
            PIN_RESET            | true  | ACTIVE    | 100 | false | false | ok
            DELIVERY             | true  | ISSUED    | 1   | true  | false | MDG-SYNC-004
            PIN_RESET            | true  | ACTIVE    | 1   | true  | false | MDG-SYNC-004
            PIN_CHANGE           | false | ACTIVE    | 1   | true  | false | MDG-SYNC-004
            PIN_RESET            | true  | ACTIVE    | 1   | true  | true  | queued:QUEUED_UNTIL_SYNC
            DELIVERY             | true  | ISSUED    | 1   | true  | true  | queued:QUEUED_UNTIL_SYNC,CERTIFICATES_AFTER_SYNC
            DELIVERY             | true  | ISSUED    | 80  | true  | true  | MDG-SYNC-003
            CERT_RENEWAL         | true  | ACTIVE    | -   | false | false | ok
            CERT_RENEWAL         | false | ACTIVE    | 1   | false | false | MDG-SYNC-001
            CERT_RENEWAL         | true  | ACTIVE    | 1   | true  | true  | MDG-SYNC-004
            CERT_ISSUE           | false | ACTIVE    | 1   | false | false | MDG-SYNC-001
            SUSPENSION_LIFT      | false | SUSPENDED | 1   | false | false | MDG-SYNC-001
            ANNOTATION           | false | ACTIVE    | 1   | false | false | MDG-SYNC-001
            CONTINUED_USE        | false | ACTIVE    | 1   | false | false | MDG-SYNC-001
            VALIDITY_EXTENSION   | false | ACTIVE    | 1   | false | false | MDG-SYNC-001
            OVERSEAS_CONVERSION  | false | ACTIVE    | 1   | false | false | MDG-SYNC-001
            FACE_AUTH_SWITCH     | false | ACTIVE    | 1   | false | false | MDG-SYNC-001
            UNCLAIMED_DESTRUCTION | false | ISSUED   | 1   | false | false | MDG-SYNC-001
            DEFECT_REPORT        | false | ISSUED    | 1   | false | false | MDG-SYNC-001
            LOSS_REVOCATION      | false | ACTIVE    | 10  | false | false | queued:CALL_LOSS_LINE,QUEUED_UNTIL_SYNC
            LOSS_REVOCATION      | false | SUSPENDED | 10  | false | false | queued:QUEUED_UNTIL_SYNC
            LOSS_REVOCATION      | true  | ACTIVE    | 10  | true  | false | queued:CALL_LOSS_LINE,QUEUED_UNTIL_SYNC
            CARD_RETURN          | false | ACTIVE    | 10  | false | false | queued:QUEUED_UNTIL_SYNC
            DOMESTIC_APPLICATION | false | -         | -   | false | false | queued:QUEUED_UNTIL_SYNC
            OVERSEAS_APPLICATION | true  | -         | -   | true  | false | queued:QUEUED_UNTIL_SYNC
            OLD_CARD_COLLECTION  | false | -         | -   | false | false | queued:QUEUED_UNTIL_SYNC
            STOCK_RECEIPT        | false | ISSUED    | 10  | false | false | queued:QUEUED_UNTIL_SYNC
            DELIVERY_NOTICE      | false | ISSUED    | 10  | false | false | queued:QUEUED_UNTIL_SYNC
            VOID_OPERATION       | false | -         | -   | false | false | queued:QUEUED_UNTIL_SYNC
            TRAINING_MODE        | false | -         | -   | true  | false | ok
            DAILY_TALLY_CLOSE    | false | -         | -   | true  | false | ok
            """)
    void decisions(Operation operation, boolean online, String cached, Integer ageHours, boolean maintenance, boolean setting,
                   String expected) {
        Instant now = Fixtures.jstNoon(maintenance ? MAINTENANCE_SUNDAY : WEDNESDAY);
        Optional<Card> card = Optional.ofNullable(cached).map(c -> c.equals("EXPIRED")
                ? Fixtures.card(CardStatus.ACTIVE, LocalDate.of(2026, 1, 1))
                : Fixtures.card(CardStatus.valueOf(c), LocalDate.of(2035, 5, 5)));
        Optional<Instant> refreshed = Optional.ofNullable(ageHours).map(h -> now.minus(Duration.ofHours(h)));
        Decision d = rules.decide(new ConnectivityRules.Situation(operation, Fixtures.MUNICIPAL, online, card, Optional.empty(),
                refreshed, now), new OfficeSettings(Duration.ofHours(72), setting), MaintenanceCalendar.byRule());
        assertThat(describe(d)).isEqualTo(expected);
    }

    @Test
    void cache_age_limit_is_an_office_setting_from_0_to_168_hours() {
        Instant now = Fixtures.jstNoon(WEDNESDAY);
        Optional<Card> card = Optional.of(Fixtures.card(CardStatus.ACTIVE, LocalDate.of(2035, 5, 5)));
        OfficeSettings zero = new OfficeSettings(Duration.ZERO, false);
        Decision fresh = rules.decide(new ConnectivityRules.Situation(Operation.PIN_RESET, Fixtures.MUNICIPAL, false, card,
                Optional.empty(), Optional.of(now), now), zero, MaintenanceCalendar.byRule());
        assertThat(fresh).isInstanceOf(Allowed.class);
        Decision stale = rules.decide(new ConnectivityRules.Situation(Operation.PIN_RESET, Fixtures.MUNICIPAL, false, card,
                Optional.empty(), Optional.of(now.minusSeconds(3600)), now), zero, MaintenanceCalendar.byRule());
        Refusal refusal = ((Refused) stale).refusal();
        assertThat(refusal.message(Locale.JAPANESE)).isEqualTo("端末の情報が0時間以上更新されていないため、オフラインでは手続きできません。");
        assertThat(new OfficeSettings(Duration.ofHours(168), true).maxCacheAge()).isEqualTo(Duration.ofHours(168));
        assertThatThrownBy(() -> new OfficeSettings(Duration.ofHours(169), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OfficeSettings(Duration.ofHours(-1), false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(OfficeSettings.defaults().maxCacheAge()).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void the_stale_cache_refusal_names_the_office_limit() {
        Instant now = Fixtures.jstNoon(WEDNESDAY);
        Decision d = rules.decide(new ConnectivityRules.Situation(Operation.DELIVERY, Fixtures.MUNICIPAL, false,
                Optional.of(Fixtures.card(CardStatus.ISSUED, LocalDate.of(2035, 5, 5))), Optional.empty(),
                Optional.of(now.minus(Duration.ofHours(73))), now), OfficeSettings.defaults(), MaintenanceCalendar.byRule());
        assertThat(((Refused) d).refusal().message(Locale.ENGLISH)).isEqualTo("Cache too old for offline work (72 h).");
        assertThat(((Refused) d).refusal().params()).containsEntry("hours", 72L);
    }

    /** counter-rules §2.0 "Which operations need central online", one row per operation. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            DELIVERY,              QUEUEABLE
            PIN_RESET,             QUEUEABLE
            PIN_CHANGE,            QUEUEABLE
            LOSS_REVOCATION,       QUEUEABLE
            DOMESTIC_APPLICATION,  QUEUEABLE
            OVERSEAS_APPLICATION,  QUEUEABLE
            CARD_RETURN,           QUEUEABLE
            OLD_CARD_COLLECTION,   QUEUEABLE
            STOCK_RECEIPT,         QUEUEABLE
            DELIVERY_NOTICE,       QUEUEABLE
            VOID_OPERATION,        QUEUEABLE
            CERT_RENEWAL,          ONLINE_ONLY
            CERT_ISSUE,            ONLINE_ONLY
            SUSPENSION_LIFT,       ONLINE_ONLY
            ANNOTATION,            ONLINE_ONLY
            CONTINUED_USE,         ONLINE_ONLY
            VALIDITY_EXTENSION,    ONLINE_ONLY
            OVERSEAS_CONVERSION,   ONLINE_ONLY
            FACE_AUTH_SWITCH,      ONLINE_ONLY
            UNCLAIMED_DESTRUCTION, ONLINE_ONLY
            DEFECT_REPORT,         ONLINE_ONLY
            TRAINING_MODE,         NEVER
            CONFLICT_RESOLUTION,   NEVER
            CONFLICT_NOTE,         NEVER
            DAILY_TALLY_CLOSE,     NEVER
            """)
    void central_requirement_per_operation(Operation operation, CentralRequirement requirement) {
        assertThat(CentralRequirement.of(operation)).isEqualTo(requirement);
    }

    @Test
    void the_requirement_table_covers_every_operation() {
        assertThat(Operation.values()).hasSize(25);
    }

    @Test
    void offline_notices_read_in_both_languages() {
        assertThat(Notice.of(Notice.Kind.QUEUED_UNTIL_SYNC).message(Locale.JAPANESE))
                .isEqualTo("中央システムに接続できません。この手続きは端末に記録し、接続の回復後に自動で送信します。");
        assertThat(Notice.of(Notice.Kind.CERTIFICATES_AFTER_SYNC).message(Locale.JAPANESE))
                .isEqualTo("電子証明書は、交付記録の送信後に利用できるようになります。");
        assertThat(Notice.of(Notice.Kind.CALL_LOSS_LINE).message(Locale.ENGLISH)).contains("0120-95-0178");
    }

    private static String describe(Decision d) {
        if (d instanceof Refused r) {
            return r.refusal().code();
        }
        Allowed a = (Allowed) d;
        if (!a.queuedOffline()) {
            assertThat(a.notices()).isEmpty();
            return "ok";
        }
        return "queued:" + a.notices().stream().map(n -> n.kind().name()).collect(Collectors.joining(","));
    }
}

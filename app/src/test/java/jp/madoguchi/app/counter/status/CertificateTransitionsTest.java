package jp.madoguchi.app.counter.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.domain.CertHoldReason;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CertRevocationReason;
import jp.madoguchi.app.counter.domain.CertStatus;
import jp.madoguchi.app.counter.domain.Certificate;
import jp.madoguchi.app.counter.status.CertificateTransitions.Event;
import jp.madoguchi.app.counter.status.CertificateTransitions.State;
import jp.madoguchi.app.counter.status.CertificateTransitions.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateTransitionsTest {

    /** counter-rules §4.3 rows common to both kinds. */
    private static final String COMMON = """
            ON_HOLD_PENDING_DELIVERY DELIVERY_APPLIED          VALID
            VALID                    SUPERSEDED                REVOKED:SUPERSEDED
            VALID                    CARD_SUSPENDED            ON_HOLD_CARD_SUSPENDED
            VALID                    VALIDITY_ENDED            EXPIRED
            ON_HOLD_PENDING_DELIVERY CARD_REVOKED              REVOKED:CARD_REVOKED
            ON_HOLD_CARD_SUSPENDED   CARD_REVOKED              REVOKED:CARD_REVOKED
            VALID                    CARD_REVOKED              REVOKED:CARD_REVOKED
            ON_HOLD_PENDING_DELIVERY HOLDER_REVOCATION_REQUEST REVOKED:HOLDER_REQUEST
            ON_HOLD_CARD_SUSPENDED   HOLDER_REVOCATION_REQUEST REVOKED:HOLDER_REQUEST
            VALID                    HOLDER_REVOCATION_REQUEST REVOKED:HOLDER_REQUEST
            ON_HOLD_PENDING_DELIVERY KEY_COMPROMISE            REVOKED:KEY_COMPROMISE
            ON_HOLD_CARD_SUSPENDED   KEY_COMPROMISE            REVOKED:KEY_COMPROMISE
            VALID                    KEY_COMPROMISE            REVOKED:KEY_COMPROMISE
            ON_HOLD_PENDING_DELIVERY OFFICIAL_CORRECTION       REVOKED:OFFICIAL_CORRECTION
            ON_HOLD_CARD_SUSPENDED   OFFICIAL_CORRECTION       REVOKED:OFFICIAL_CORRECTION
            VALID                    OFFICIAL_CORRECTION       REVOKED:OFFICIAL_CORRECTION
            ON_HOLD_PENDING_DELIVERY ISSUE_ABORTED             REVOKED:ISSUE_ABORTED
            ON_HOLD_CARD_SUSPENDED   ISSUE_ABORTED             REVOKED:ISSUE_ABORTED
            VALID                    ISSUE_ABORTED             REVOKED:ISSUE_ABORTED
            """;

    /** The rows where SIGN and AUTH differ. */
    private static final Map<CertKind, String> BY_KIND = Map.of(
            CertKind.AUTH, """
                    ON_HOLD_CARD_SUSPENDED SUSPENSION_LIFTED  VALID
                    VALID                  BASIC_INFO_CHANGED VALID
                    """,
            CertKind.SIGN, """
                    ON_HOLD_CARD_SUSPENDED SUSPENSION_LIFTED  REVOKED:SUSPENSION
                    VALID                  BASIC_INFO_CHANGED REVOKED:BASIC_INFO_CHANGED
                    """);

    @ParameterizedTest(name = "{0}")
    @EnumSource(CertKind.class)
    void every_pair_is_allowed_exactly_as_the_page_lists(CertKind kind) {
        Map<String, Target> expected = new LinkedHashMap<>();
        (COMMON + BY_KIND.get(kind)).lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> {
            String[] p = l.split("\\s+");
            String[] to = p[2].split(":");
            expected.put(p[0] + "×" + p[1], new Target(State.valueOf(to[0]),
                    to.length > 1 ? Optional.of(CertRevocationReason.valueOf(to[1])) : Optional.empty()));
        });
        TransitionTable<State, Event, Target> table = CertificateTransitions.table(kind);
        int pairs = TableAssert.assertEveryPair(table, State.class, Event.class, expected, Set.of(State.REVOKED, State.EXPIRED));
        assertThat(pairs).isEqualTo(State.values().length * Event.values().length);
        assertThat(table.create(Event.LOADED_AT_MANUFACTURE)).contains(new Target(State.ON_HOLD_PENDING_DELIVERY, Optional.empty()));
        assertThat(table.create(Event.ISSUED)).contains(new Target(State.VALID, Optional.empty()));
        assertThat(table.create(Event.DELIVERY_APPLIED)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CertKind.class)
    void apply_keeps_status_and_reasons_consistent(CertKind kind) {
        Certificate held = new Certificate(kind, "01", Instant.parse("2030-05-05T14:59:59Z"), CertStatus.ON_HOLD,
                Optional.of(CertHoldReason.PENDING_DELIVERY), Optional.empty(), 1);
        Certificate valid = CertificateTransitions.apply(held, Event.DELIVERY_APPLIED, 2);
        assertThat(valid.status()).isEqualTo(CertStatus.VALID);
        assertThat(valid.holdReason()).isEmpty();
        Certificate suspended = CertificateTransitions.apply(valid, Event.CARD_SUSPENDED, 3);
        assertThat(suspended.holdReason()).contains(CertHoldReason.CARD_SUSPENDED);
        Certificate lifted = CertificateTransitions.apply(suspended, Event.SUSPENSION_LIFTED, 4);
        assertThat(lifted.status()).isEqualTo(kind == CertKind.AUTH ? CertStatus.VALID : CertStatus.REVOKED);
        assertThat(CertificateTransitions.apply(
                CertificateTransitions.apply(valid, Event.VALIDITY_ENDED, 5), Event.DELIVERY_APPLIED, 6).status())
                .isEqualTo(CertStatus.EXPIRED);
        assertThatThrownBy(() -> CertificateTransitions.apply(valid, Event.DELIVERY_APPLIED, 7)).isInstanceOf(IllegalStateException.class);
    }
}

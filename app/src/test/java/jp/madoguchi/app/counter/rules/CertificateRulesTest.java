package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import jp.madoguchi.app.counter.Fixtures;
import jp.madoguchi.app.counter.domain.CertHoldReason;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CertRevocationReason;
import jp.madoguchi.app.counter.domain.CertStatus;
import jp.madoguchi.app.counter.domain.Certificate;
import jp.madoguchi.app.counter.rules.CertificateRules.IssueNew;
import jp.madoguchi.app.counter.rules.CertificateRules.Plan;
import jp.madoguchi.app.counter.rules.CertificateRules.Refused;
import jp.madoguchi.app.counter.rules.CertificateRules.Renew;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateRulesTest {

    private final CertificateRules rules = new CertificateRules(new ValidityRules());

    @ParameterizedTest(name = "{0} born {1} on {2}, adult ward {3} → {4}")
    @CsvSource(nullValues = "-", textBlock = """
            SIGN, 2011-11-25, 2026-11-24, false, MDG-CERT-003
            SIGN, 2011-11-25, 2026-11-25, false, -
            SIGN, 1990-05-05, 2026-11-25, true,  MDG-CERT-004
            SIGN, 2015-01-01, 2026-11-25, true,  MDG-CERT-003
            SIGN, 2008-02-29, 2023-02-28, false, MDG-CERT-003
            SIGN, 2008-02-29, 2023-03-01, false, -
            AUTH, 2026-01-01, 2026-11-25, false, -
            AUTH, 1990-05-05, 2026-11-25, true,  -
            """)
    void signing_certificate_refusals(CertKind kind, LocalDate born, LocalDate day, boolean adultWard, String code) {
        assertThat(rules.checkKindAllowed(kind, born, adultWard, day).map(Refusal::code).orElse(null)).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0} (hold {1}), notAfter {2}, on {3} {4} JST → {5}")
    @CsvSource(nullValues = "-", textBlock = """
            VALID,   -,                2030-05-05, 2030-02-05, 23:59:59, REFUSED:MDG-CERT-001
            VALID,   -,                2030-05-05, 2030-02-06, 00:00:00, RENEW
            VALID,   -,                2030-05-05, 2030-05-05, 23:59:59, RENEW
            VALID,   -,                2030-05-05, 2030-05-06, 00:00:00, ISSUE:EXPIRED
            EXPIRED, -,                2030-05-05, 2030-05-10, 12:00:00, ISSUE:EXPIRED
            REVOKED, -,                2030-05-05, 2026-11-25, 12:00:00, ISSUE:REVOKED
            ON_HOLD, CARD_SUSPENDED,   2030-05-05, 2026-11-25, 12:00:00, REFUSED:MDG-CARD-004
            ON_HOLD, PENDING_DELIVERY, 2030-05-05, 2026-11-25, 12:00:00, REFUSED:MDG-OFFICE-001
            """)
    void plans(CertStatus status, CertHoldReason hold, LocalDate expiry, LocalDate day, LocalTime time, String expected) {
        Certificate cert = new Certificate(CertKind.AUTH, "0A1B2C3D4E5F", ValidityRules.expiryInstant(expiry), status,
                Optional.ofNullable(hold), status == CertStatus.REVOKED ? Optional.of(CertRevocationReason.SUPERSEDED) : Optional.empty(), 1);
        assertThat(describe(rules.plan(Optional.of(cert), Fixtures.jst(day, time)))).isEqualTo(expected);
    }

    @Test
    void no_certificate_means_a_new_issuance() {
        assertThat(describe(rules.plan(Optional.empty(), Instant.parse("2026-11-25T03:00:00Z")))).isEqualTo("ISSUE:NO_CERTIFICATE");
    }

    @Test
    void expired_plan_tells_the_clerk_it_switches_to_issuance() {
        Certificate cert = new Certificate(CertKind.SIGN, "01", ValidityRules.expiryInstant(LocalDate.of(2026, 1, 1)), CertStatus.VALID,
                Optional.empty(), Optional.empty(), 1);
        IssueNew plan = (IssueNew) rules.plan(Optional.of(cert), Fixtures.jstNoon(LocalDate.of(2026, 11, 25)));
        assertThat(plan.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.SWITCH_TO_ISSUE);
        assertThat(plan.notices().get(0).message(Locale.JAPANESE)).isEqualTo("電子証明書の有効期限が過ぎているため、新規発行として手続きします。");
    }

    @Test
    void early_renewal_names_the_opening_day_and_expiry() {
        Certificate cert = new Certificate(CertKind.AUTH, "01", Instant.parse("2030-05-05T14:59:59Z"), CertStatus.VALID,
                Optional.empty(), Optional.empty(), 1);
        Refusal r = ((Refused) rules.plan(Optional.of(cert), Fixtures.jstNoon(LocalDate.of(2026, 11, 25)))).refusal();
        assertThat(r.message(Locale.JAPANESE)).isEqualTo("電子証明書の更新は2030年2月6日から受け付けます（有効期限：2030年5月5日）。");
        assertThat(r.message(Locale.ENGLISH)).isEqualTo("Renewal opens on 2030-02-06.");
    }

    @Test
    void certificate_own_not_after_decides_the_window() {
        // A notAfter earlier in the day than 23:59:59 JST: expired from that second on.
        Certificate cert = new Certificate(CertKind.AUTH, "01", Instant.parse("2030-05-05T03:00:00Z"), CertStatus.VALID,
                Optional.empty(), Optional.empty(), 1);
        assertThat(describe(rules.plan(Optional.of(cert), Instant.parse("2030-05-05T03:00:00Z")))).isEqualTo("RENEW");
        assertThat(describe(rules.plan(Optional.of(cert), Instant.parse("2030-05-05T03:00:01Z")))).isEqualTo("ISSUE:EXPIRED");
    }

    private static String describe(Plan plan) {
        if (plan instanceof Renew) {
            return "RENEW";
        }
        if (plan instanceof IssueNew issue) {
            return "ISSUE:" + issue.reason();
        }
        return "REFUSED:" + ((Refused) plan).refusal().code();
    }
}

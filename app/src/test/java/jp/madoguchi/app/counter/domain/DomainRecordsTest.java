package jp.madoguchi.app.counter.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.Fixtures;
import org.junit.jupiter.api.Test;

/** The invariants the domain records enforce on construction. */
class DomainRecordsTest {

    private static final LocalDate D = LocalDate.of(2025, 6, 1);

    @Test
    void card_reason_goes_with_revoked_only() {
        Card ok = Fixtures.card(CardStatus.REVOKED, D);
        assertThat(ok.revocationReason()).isPresent();
        assertThatThrownBy(() -> new Card("012345678901234", "A", "1", "1", CardLifeCycle.OPERATIONAL, CardStatus.ACTIVE,
                Optional.of(CardRevocationReason.LOST), 1, CardType.PIN, D, D, D, false, Optional.empty(), false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Card("0123456789ABCDEF", "A", "1", "1", CardLifeCycle.OPERATIONAL, CardStatus.ACTIVE,
                Optional.empty(), 1, CardType.PIN, D, D, D, false, Optional.empty(), false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Card("012345678901234", "A", "1", "1", CardLifeCycle.OPERATIONAL, CardStatus.ACTIVE,
                Optional.empty(), 1, CardType.PIN, D, D.minusDays(1), D, false, Optional.empty(), false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void only_the_last_four_serial_digits_are_shown() {
        assertThat(Fixtures.card(CardStatus.ACTIVE, D).serialLast4()).isEqualTo("1234");
        Certificate cert = new Certificate(CertKind.SIGN, "00FFEE11223344556677", Instant.EPOCH, CertStatus.VALID,
                Optional.empty(), Optional.empty(), 1);
        assertThat(cert.serialLast8()).isEqualTo("44556677");
    }

    @Test
    void certificate_reasons_go_with_their_status() {
        assertThatThrownBy(() -> new Certificate(CertKind.AUTH, "01", Instant.EPOCH, CertStatus.ON_HOLD, Optional.empty(),
                Optional.empty(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Certificate(CertKind.AUTH, "01", Instant.EPOCH, CertStatus.VALID, Optional.empty(),
                Optional.of(CertRevocationReason.SUPERSEDED), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CertKind.SIGN.pin()).isEqualTo(PinType.SIGN);
        assertThat(CertKind.AUTH.pin()).isEqualTo(PinType.AUTH);
    }

    @Test
    void collected_items_follow_pr18() {
        CollectedItem lost = new CollectedItem(CollectedItem.Kind.JUKI_CARD, CollectedItem.Disposition.DECLARED_LOST,
                Optional.empty(), true);
        assertThat(lost.kind().isCard()).isTrue();
        assertThat(CollectedItem.Kind.DELIVERY_NOTICE.isCard()).isFalse();
        assertThatThrownBy(() -> new CollectedItem(CollectedItem.Kind.JUKI_CARD, CollectedItem.Disposition.DECLARED_LOST,
                Optional.empty(), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CollectedItem(CollectedItem.Kind.NOTIFICATION_CARD, CollectedItem.Disposition.NOT_HELD,
                Optional.of("X"), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offices_and_staff() {
        assertThat(Fixtures.MUNICIPAL.serves(Fixtures.CITY)).isTrue();
        assertThat(Fixtures.MISSION.serves(Fixtures.CITY)).isFalse();
        assertThat(Fixtures.POST_OFFICE_FULL.contract()).contains(ContractedOperation.PIN_RESET);
        assertThatThrownBy(() -> Office.municipal(" ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Staff("s1", "試験", StaffRole.SUPERVISOR, "1").isSupervisor()).isTrue();
    }

    @Test
    void japanese_national_has_no_foreign_fields() {
        ForeignResident f = new ForeignResident(new PersonName("KIM IL NAM"), Optional.empty(), Optional.empty(), Optional.empty(),
                "X", StatusOfResidence.SPECIAL_PERMANENT_RESIDENT, Optional.empty(), "KR", false);
        assertThatThrownBy(() -> new Resident(new PersonName("KIM IL NAM"), Optional.empty(), Optional.empty(), Optional.empty(),
                D, Sex.MALE, "1", false, true, Optional.of(f))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identity_records_copy_their_lists() {
        List<IdentityDocument> docs = new java.util.ArrayList<>(List.of(IdentityDocument.classB(DocumentType.PENSION_BOOK)));
        IdentityCheck check = IdentityCheck.holder(docs, Set.of(PossessionProof.CARD_PRESENTED));
        docs.clear();
        assertThat(check.holderDocuments()).hasSize(1);
        assertThat(check.adultWard()).isFalse();
        assertThat(DocumentType.DRIVING_HISTORY_CERTIFICATE.nominalClass()).isEqualTo(DocumentClass.ID_A);
        assertThatThrownBy(() -> new AuthorityProof(AuthorityProof.Kind.KOSEKI_CERTIFICATE, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

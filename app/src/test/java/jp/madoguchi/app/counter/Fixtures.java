package jp.madoguchi.app.counter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.CardLifeCycle;
import jp.madoguchi.app.counter.domain.CardRevocationReason;
import jp.madoguchi.app.counter.domain.CardStatus;
import jp.madoguchi.app.counter.domain.CardType;
import jp.madoguchi.app.counter.domain.ContractedOperation;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.PersonName;
import jp.madoguchi.app.counter.domain.Resident;
import jp.madoguchi.app.counter.domain.Sex;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.domain.StaffRole;
import jp.madoguchi.app.counter.rules.ValidityRules;

/** Synthetic offices, staff, residents and cards for the counter tests (fictional people only). */
public final class Fixtures {

    public static final String CITY = "131016";
    public static final String OTHER_CITY = "271004";

    public static final Office MUNICIPAL = Office.municipal(CITY, "模擬市役所");
    public static final Office MISSION = Office.mission("M0001", "在模擬国日本国大使館");
    public static final Office POST_OFFICE_FULL = Office.postOffice("P0001", "模擬郵便局", Set.of(CITY),
            Set.of(ContractedOperation.values()));
    public static final Office POST_OFFICE_NONE = Office.postOffice("P0002", "見本郵便局", Set.of(CITY), Set.of());

    private Fixtures() {
    }

    public static Staff staff(Office office, StaffRole role) {
        return new Staff(role.name().toLowerCase() + "-" + office.code(), "試験　職員", role, office.code());
    }

    /** A JST wall-clock instant. */
    public static Instant jst(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(ValidityRules.JST).toInstant();
    }

    public static Instant jstNoon(LocalDate day) {
        return jst(day, LocalTime.NOON);
    }

    public static Resident resident(LocalDate birthDate) {
        return new Resident(new PersonName("試験　花子"), Optional.of("シケン　ハナコ"), Optional.empty(), Optional.empty(),
                birthDate, Sex.FEMALE, CITY, false, true, Optional.empty());
    }

    /** A card record in this office's stock, with the given status. */
    public static Card card(CardStatus status, LocalDate validTo) {
        return card(status, validTo, CITY, CITY, false);
    }

    public static Card card(CardStatus status, LocalDate validTo, String stockOffice, String residence, boolean overseas) {
        Optional<CardRevocationReason> reason = status == CardStatus.REVOKED ? Optional.of(CardRevocationReason.LOST) : Optional.empty();
        Optional<LocalDate> deliveredOn = status == CardStatus.ISSUED ? Optional.empty() : Optional.of(LocalDate.of(2025, 7, 1));
        return new Card("012345678901234", "APP-1", stockOffice, residence,
                status == CardStatus.ISSUED ? CardLifeCycle.TRANSPORT : CardLifeCycle.OPERATIONAL, status, reason, 1,
                CardType.PIN, LocalDate.of(2025, 5, 15), LocalDate.of(2025, 6, 1), validTo, overseas, Optional.empty(),
                false, deliveredOn);
    }
}

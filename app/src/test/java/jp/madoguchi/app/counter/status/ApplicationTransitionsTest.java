package jp.madoguchi.app.counter.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jp.madoguchi.app.counter.domain.ApplicationStatus;
import jp.madoguchi.app.counter.status.ApplicationTransitions.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ApplicationTransitionsTest {

    /** counter-rules §4.1, one line per arrow. */
    private static final String ROWS = """
            SUBMITTED       APPLICATION_RECEIVED    RECEIVED
            RECEIVED        APPLICATION_DEFECT      DEFECT_RETURNED
            DEFECT_RETURNED APPLICATION_RECEIVED    RECEIVED
            RECEIVED        APPLICATION_CANCELLED   CANCELLED
            RECEIVED        APPLICATION_VOIDED      VOID
            RECEIVED        CARD_ISSUED             ISSUED
            ISSUED          CARD_SHIPPED            SHIPPED
            ISSUED          CARD_POSTED             DELIVERED_BY_POST
            SHIPPED         CARD_RECEIVED_AT_OFFICE AT_OFFICE
            AT_OFFICE       CARD_DEFECT_REPORTED    DEFECTIVE
            AT_OFFICE       NOTICE_SENT             NOTIFIED
            NOTIFIED        RENOTICE_SENT           RENOTIFIED
            AT_OFFICE       DELIVERY_COMPLETED      DELIVERED
            NOTIFIED        DELIVERY_COMPLETED      DELIVERED
            RENOTIFIED      DELIVERY_COMPLETED      DELIVERED
            NOTIFIED        UNCLAIMED_DESTROYED     DESTROYED
            RENOTIFIED      UNCLAIMED_DESTROYED     DESTROYED
            """;

    @Test
    void every_pair_is_allowed_exactly_as_the_page_lists() {
        Map<String, ApplicationStatus> expected = new LinkedHashMap<>();
        ROWS.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> {
            String[] p = l.split("\\s+");
            expected.put(p[0] + "×" + p[1], ApplicationStatus.valueOf(p[2]));
        });
        int pairs = TableAssert.assertEveryPair(ApplicationTransitions.TABLE, ApplicationStatus.class, Event.class, expected,
                Set.of(ApplicationStatus.CANCELLED, ApplicationStatus.VOID, ApplicationStatus.DESTROYED));
        assertThat(pairs).isEqualTo(ApplicationStatus.values().length * Event.values().length);
    }

    @ParameterizedTest(name = "{0} creates {1}")
    @CsvSource({"APPLICATION_SUBMITTED, SUBMITTED", "APPLICATION_RECEIVED, RECEIVED"})
    void creations(Event event, ApplicationStatus status) {
        assertThat(ApplicationTransitions.TABLE.create(event)).contains(status);
    }

    @ParameterizedTest(name = "{0} creates nothing")
    @EnumSource(value = Event.class, mode = EnumSource.Mode.EXCLUDE, names = {"APPLICATION_SUBMITTED", "APPLICATION_RECEIVED"})
    void other_events_need_an_application(Event event) {
        assertThat(ApplicationTransitions.TABLE.create(event)).isEmpty();
    }

    @ParameterizedTest(name = "delivery from {0}: {1}")
    @CsvSource({"AT_OFFICE, true", "NOTIFIED, true", "RENOTIFIED, true", "SHIPPED, false", "DELIVERED, false", "DESTROYED, false"})
    void delivery_needs_the_card_in_stock(ApplicationStatus status, boolean allowed) {
        assertThat(ApplicationTransitions.allowsDelivery(status)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} is emitted by {1}")
    @CsvSource({"APPLICATION_SUBMITTED, WS", "APPLICATION_RECEIVED, CF", "CARD_SHIPPED, CF", "DELIVERY_COMPLETED, WS",
            "CARD_RECEIVED_AT_OFFICE, WS", "APPLICATION_DEFECT, CF"})
    void sources(Event event, ApplicationTransitions.Source source) {
        assertThat(event.source()).isEqualTo(source);
    }
}

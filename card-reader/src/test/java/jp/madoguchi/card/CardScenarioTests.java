package jp.madoguchi.card;

import org.junit.jupiter.api.Test;

/**
 * The card scenarios every way in must pass: each subclass inserts the emulated card its own way (the
 * in-JVM terminal, or pcscd + vpcd) and JUnit runs these tests once per subclass.
 */
abstract class CardScenarioTests {

    /** Inserts a card of {@code kind} and returns how to open a connection to it. */
    abstract CardScenarios.Opener insert(EmulatedCards.Kind kind) throws Exception;

    @Test
    void full_read_of_a_delivered_card() throws Exception {
        CardScenarios.fullReadOfADeliveredCard(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void read_without_pin_and_with_the_sign_password() throws Exception {
        CardScenarios.readWithoutPinAndWithTheSignPassword(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void wrong_pins_are_counted() throws Exception {
        CardScenarios.wrongPinsAreCountedAndNothingProtectedIsRead(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void lockout_and_reset() throws Exception {
        CardScenarios.lockoutSequence(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void holder_changes_each_pin_with_the_current_one() throws Exception {
        CardScenarios.holderPinChange(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void a_factory_card_has_no_pin_to_change() throws Exception {
        CardScenarios.noPinChangeOnAFactoryCard(insert(EmulatedCards.Kind.FACTORY));
    }

    @Test
    void delivery_of_a_factory_card() throws Exception {
        CardScenarios.delivery(insert(EmulatedCards.Kind.FACTORY));
    }

    @Test
    void wrong_issuer_key_then_admin_lock() throws Exception {
        CardScenarios.wrongIssuerKeyIsRefusedAndCounted(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void certificate_renewal_of_both_keys() throws Exception {
        CardScenarios.certificateRenewal(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void mismatching_certificate_is_refused() throws Exception {
        CardScenarios.mismatchingCertificateIsRefused(insert(EmulatedCards.Kind.DELIVERED));
    }
}

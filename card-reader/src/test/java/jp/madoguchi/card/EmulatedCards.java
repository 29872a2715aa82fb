package jp.madoguchi.card;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.sim.card.Card;
import jp.madoguchi.sim.card.CardProfile;
import jp.madoguchi.sim.card.CardRandom;
import jp.madoguchi.sim.card.CardSlot;
import jp.madoguchi.sim.card.Faults;
import jp.madoguchi.sim.card.LifeCycle;
import jp.madoguchi.sim.card.ProfileCodec;
import jp.madoguchi.sim.card.ProfileGenerator;
import jp.madoguchi.sim.card.ProfileStore;
import jp.madoguchi.sim.card.provider.MadoguchiSimProvider;
import jp.madoguchi.sim.card.provider.SimReaders;

/**
 * The emulator's cards for card-reader's tests. Profiles are generated once per JVM (RSA key
 * generation is the slow part) and copied for every card, so each test starts from a fresh card.
 */
final class EmulatedCards {

    /** PIN values of a delivered card (the generator's pinsPreset values). */
    static final String PIN = "1234";
    static final String SIGN_PASSWORD = "TEST2025";
    static final byte[] ISSUER_KEY = ProfileGenerator.TEST_ISSUER_KEY.clone();

    enum Kind {
        /** 試験　花子 of §9.3, delivered: PINs set, OPERATIONAL. */
        DELIVERED,
        /** The same person's card straight from the factory: TRANSPORT, no PIN set. */
        FACTORY,
        /** A 14-year-old (§9.8): no sign certificate, PINs preset, OPERATIONAL. */
        CHILD
    }

    private static final Map<Kind, byte[]> PROFILES = new HashMap<>();

    private EmulatedCards() {
    }

    /**
     * A fresh copy of the profile. Generated profiles (with the AP keys the card adds at first load)
     * are kept under target/ so each test JVM does not generate RSA keys again.
     */
    static synchronized CardProfile profile(Kind kind) {
        byte[] json = PROFILES.computeIfAbsent(kind, EmulatedCards::generatedOnce);
        return ProfileCodec.parse(json);
    }

    private static byte[] generatedOnce(Kind kind) {
        java.nio.file.Path file = java.nio.file.Path.of("target", "emulated-profiles", kind + ".json");
        try {
            if (java.nio.file.Files.exists(file)) {
                return java.nio.file.Files.readAllBytes(file);
            }
            byte[][] saved = new byte[1][];
            CardProfile profile = ProfileGenerator.generate(options(kind));
            saved[0] = ProfileCodec.write(profile);
            new Card(profile, p -> saved[0] = ProfileCodec.write(p), CardRandom.secure());
            java.nio.file.Files.createDirectories(file.getParent());
            ProfileStore.writeAtomically(file, saved[0]);
            return saved[0];
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ProfileGenerator.Options options(Kind kind) {
        ProfileGenerator.Options o = new ProfileGenerator.Options();
        switch (kind) {
            case DELIVERED, FACTORY -> {
                o.seed = 42;
                o.name = "試験\u3000花子";
                o.address = "模擬県見本市試験町１－２－３";
                o.birthDate = LocalDate.of(1990, 5, 5);
                o.sex = 2;
                o.myNumber = "123456789018";
                o.chipSerialNumber = "0123456789ABCDEF";
                o.securityCode = "4321";
                o.pinsPreset = kind == Kind.DELIVERED;
                o.lifeCycle = kind == Kind.DELIVERED ? LifeCycle.OPERATIONAL : LifeCycle.TRANSPORT;
            }
            case CHILD -> {
                o.seed = 7;
                o.birthDate = LocalDate.of(2010, 8, 20);
                o.pinsPreset = true;
                o.lifeCycle = LifeCycle.OPERATIONAL;
            }
        }
        return o;
    }

    static CardSlot card(Kind kind) {
        return card(profile(kind), Faults.none());
    }

    static CardSlot card(CardProfile profile, Faults faults) {
        return new CardSlot(new Card(profile, ProfileStore.inMemory(), CardRandom.secure()), faults);
    }

    /** Private in-JVM readers (not the JVM-wide shared ones), so tests do not see each other's cards. */
    static TerminalFactory factory(SimReaders readers) throws Exception {
        return TerminalFactory.getInstance(MadoguchiSimProvider.TYPE, readers, new MadoguchiSimProvider());
    }
}

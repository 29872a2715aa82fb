package jp.madoguchi.sim.card;

import java.time.LocalDate;

/** Profiles for tests: the §9.3 resident (試験　花子), SN 0123456789ABCDEF, generated once per JVM. */
final class Fixtures {
    private static byte[] hanako;
    private static byte[] child;

    private Fixtures() {
    }

    static ProfileGenerator.Options hanakoOptions() {
        ProfileGenerator.Options o = new ProfileGenerator.Options();
        o.seed = 42;
        o.name = "試験\u3000花子";
        o.address = "模擬県見本市試験町１－２－３";
        o.birthDate = LocalDate.of(1990, 5, 5);
        o.sex = 2;
        o.myNumber = "123456789018";
        o.chipSerialNumber = "0123456789ABCDEF";
        o.securityCode = "4321";
        return o;
    }

    /** A fresh mutable copy of the TRANSPORT card of §9.3 (no PINs set). */
    static synchronized CardProfile hanako() {
        if (hanako == null) {
            hanako = ProfileCodec.write(ProfileGenerator.generate(hanakoOptions()));
        }
        return ProfileCodec.parse(hanako);
    }

    /** The same card delivered: PINs 1234 / TEST2025, OPERATIONAL. */
    static CardProfile hanakoOperational() {
        CardProfile p = hanako();
        p.pinValues.put(Credential.AUTH, CardProfile.ascii("1234"));
        p.pinValues.put(Credential.SIGN, CardProfile.ascii("TEST2025"));
        p.pinValues.put(Credential.CARD_TEXT, CardProfile.ascii("1234"));
        p.pinValues.put(Credential.JUKI, CardProfile.ascii("1234"));
        p.lifeCycle = LifeCycle.OPERATIONAL;
        return p;
    }

    /** A 14-year-old's card (no sign certificate, §9.8). */
    static synchronized CardProfile child() {
        if (child == null) {
            ProfileGenerator.Options o = new ProfileGenerator.Options();
            o.seed = 7;
            o.birthDate = LocalDate.of(2010, 8, 20);
            child = ProfileCodec.write(ProfileGenerator.generate(o));
        }
        return ProfileCodec.parse(child);
    }
}

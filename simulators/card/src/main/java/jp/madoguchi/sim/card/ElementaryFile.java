package jp.madoguchi.sim.card;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One EF of the emulated card and its access rule (card-spec.md §2.6–§2.9). {@code readers} empty
 * means free to read; otherwise any one verified credential of the set opens it.
 */
record ElementaryFile(Application application, int fid, Kind kind, Credential credential, Set<Credential> readers) {

    enum Kind { DATA, RECORD, PIN, PRIVATE_KEY }

    private static final List<ElementaryFile> ALL = build();

    static ElementaryFile find(Application ap, int fid) {
        for (ElementaryFile ef : ALL) {
            if (ef.application == ap && ef.fid == fid) {
                return ef;
            }
        }
        return null;
    }

    boolean certificate() {
        return application == Application.JPKI && (fid == 0x0A || fid == 0x01);
    }

    private static List<ElementaryFile> build() {
        List<ElementaryFile> l = new ArrayList<>();
        Application j = Application.JPKI;
        data(l, j, 0x01, Credential.SIGN);
        data(l, j, 0x02);
        data(l, j, 0x06);
        data(l, j, 0x08);
        data(l, j, 0x0A);
        data(l, j, 0x0B);
        l.add(new ElementaryFile(j, 0x17, Kind.PRIVATE_KEY, Credential.AUTH, EnumSet.of(Credential.AUTH)));
        l.add(new ElementaryFile(j, 0x1A, Kind.PRIVATE_KEY, Credential.SIGN, EnumSet.of(Credential.SIGN)));
        Application t = Application.TEXT;
        data(l, t, 0x01, Credential.CARD_TEXT, Credential.TEXT_A);
        data(l, t, 0x02, Credential.CARD_TEXT, Credential.TEXT_B);
        data(l, t, 0x03, Credential.CARD_TEXT, Credential.TEXT_A, Credential.TEXT_B);
        data(l, t, 0x04);
        data(l, t, 0x05);
        l.add(new ElementaryFile(t, 0x13, Kind.PRIVATE_KEY, null, Set.of()));
        Application f = Application.FACE;
        data(l, f, 0x01, Credential.FACE_BIRTH);
        data(l, f, 0x02, Credential.FACE_A, Credential.FACE_B);
        data(l, f, 0x03);
        data(l, f, 0x04);
        data(l, f, 0x05, Credential.FACE_A);
        l.add(new ElementaryFile(f, 0x1A, Kind.PRIVATE_KEY, null, Set.of()));
        data(l, Application.JUKI, 0x02);
        l.add(new ElementaryFile(Application.COMMON, 0x01, Kind.RECORD, null, Set.of()));
        data(l, Application.COMMON, 0x02);
        for (Credential c : Credential.values()) {
            l.add(new ElementaryFile(c.application, c.fid, Kind.PIN, c, Set.of()));
        }
        return Collections.unmodifiableList(l);
    }

    private static void data(List<ElementaryFile> l, Application ap, int fid, Credential... readers) {
        Set<Credential> r = readers.length == 0 ? Set.of() : EnumSet.of(readers[0], readers);
        l.add(new ElementaryFile(ap, fid, Kind.DATA, null, r));
    }
}

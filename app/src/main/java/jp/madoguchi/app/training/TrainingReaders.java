package jp.madoguchi.app.training;

import java.io.IOException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.card.TerminalSource;
import jp.madoguchi.sim.card.CardSlot;
import jp.madoguchi.sim.card.Faults;
import jp.madoguchi.sim.card.provider.MadoguchiSimProvider;
import jp.madoguchi.sim.card.provider.SimReaders;

/**
 * The in-JVM emulated terminal of training mode ({@code reader.provider=sim}): two readers,
 * "Madoguchi Sim 00 00" and "… 00 01", into which a card profile (a synthetic resident's card made by
 * the central system's card factory) is put. The only product class that links the card emulator
 * (ArchUnit). Thread-safe: insert and remove from any thread; the card thread sees the change on its
 * next poll.
 */
public final class TrainingReaders {

    /** The first emulated reader's name. */
    public static final String FIRST_READER = "Madoguchi Sim 00 00";

    private final SimReaders readers = new SimReaders();
    private final TerminalSource source;

    public TrainingReaders() {
        try {
            source = TerminalSource.of(TerminalFactory.getInstance("MadoguchiSim", readers, new MadoguchiSimProvider()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the emulated terminal's provider did not register", e);
        }
    }

    /** What the card thread polls. */
    public TerminalSource source() {
        return source;
    }

    /** Puts the card of {@code profile} into reader {@code slot} (0 or 1), replacing any card there. */
    public void insert(int slot, Path profile) throws IOException {
        remove(slot);
        readers.slot(slot).insert(CardSlot.ofProfile(profile, Faults.none()));
    }

    /** Pulls the card out of reader {@code slot}; nothing happens when it is empty. */
    public void remove(int slot) {
        if (readers.slot(slot).isCardPresent()) {
            readers.slot(slot).remove();
        }
    }
}

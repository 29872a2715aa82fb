package jp.madoguchi.bench;

import java.util.Arrays;
import java.util.List;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.sim.card.Card;
import jp.madoguchi.sim.card.CardProfile;
import jp.madoguchi.sim.card.CardRandom;
import jp.madoguchi.sim.card.CardSlot;
import jp.madoguchi.sim.card.Faults;
import jp.madoguchi.sim.card.ProfileGenerator;
import jp.madoguchi.sim.card.ProfileStore;
import jp.madoguchi.sim.card.provider.MadoguchiSimProvider;
import jp.madoguchi.sim.card.provider.SimReaders;
import jp.madoguchi.sim.card.vpcd.VpcdCard;

/**
 * "apdu": the APDU round trip through pcscd + vpcd to the card emulator (SunPCSC → pcscd → vpcd →
 * TCP → emulator and back), median and p99 over 2000 APDUs after a warm-up. Baseline, in the same
 * run: the same APDUs to the same card core through the in-JVM MadoguchiSim terminal, i.e. the cost
 * of the card itself without the PC/SC stack. Needs a running pcscd with vpcd (as ./mado test starts
 * it, port $MADO_VPCD_PORT or 35963) and an empty vpcd slot.
 */
public final class ApduRoundTripBenchmark implements Benchmark {
    private static final int WARMUP = 300;
    private static final int MEASURED = 2000;
    private static final byte[] SELECT_JPKI = hex("00A4040C0AD392F000260100000001");
    /** READ BINARY of EF 0008 by SFI: a typical short command with a short answer. */
    private static final byte[] READ_AVAILABILITY = hex("00B0880003");

    @Override
    public String name() {
        return "apdu";
    }

    @Override
    public List<BenchRow> run() throws Exception {
        ProfileGenerator.Options options = new ProfileGenerator.Options();
        options.seed = 4242;
        CardProfile profile = ProfileGenerator.generate(options);

        SimReaders readers = new SimReaders();
        readers.slot(0).insert(new CardSlot(new Card(profile, ProfileStore.inMemory(), CardRandom.secure()), Faults.none()));
        CardTerminal inJvm = TerminalFactory.getInstance("MadoguchiSim", readers, new MadoguchiSimProvider())
                .terminals().getTerminal("Madoguchi Sim 00 00");
        double[] baseline = measure(inJvm);
        readers.slot(0).remove();

        TerminalFactory pcsc = TerminalFactory.getDefault();
        if (!"PC/SC".equals(pcsc.getType())) {
            throw new IllegalStateException("pcscd is not running (TerminalFactory type " + pcsc.getType()
                    + "): start pcscd with vpcd first, see docs/card-emulator.md");
        }
        int base = Integer.parseInt(System.getenv().getOrDefault("MADO_VPCD_PORT", "35963"));
        int slot = -1;
        CardTerminal terminal = null;
        for (int s = 0; s < 2 && terminal == null; s++) {
            CardTerminal t = pcsc.terminals().getTerminal("Virtual PCD 00 0" + s);
            if (t != null && !t.isCardPresent()) {
                terminal = t;
                slot = s;
            }
        }
        if (terminal == null) {
            throw new IllegalStateException("no empty vpcd reader ('Virtual PCD 00 00'/'00 01') in pcscd");
        }
        VpcdCard vpcd = new VpcdCard(new CardSlot(new Card(profile, ProfileStore.inMemory(), CardRandom.secure()),
                Faults.none()), "127.0.0.1", base + slot);
        Thread thread = new Thread(vpcd, "bench-vpcd-card");
        thread.setDaemon(true);
        thread.start();
        double[] ours;
        try {
            if (!terminal.waitForCardPresent(10_000)) {
                throw new IllegalStateException("pcscd did not see the emulated card within 10 s");
            }
            ours = measure(terminal);
        } finally {
            vpcd.remove();
            thread.join(5000);
        }
        return List.of(
                new BenchRow("APDU round trip via pcscd+vpcd (median; baseline: in-JVM terminal)",
                        percentile(ours, 50), percentile(baseline, 50), "ms", "<= 0.2 ms", Double.NaN),
                new BenchRow("APDU round trip via pcscd+vpcd (p99; baseline: in-JVM terminal)",
                        percentile(ours, 99), percentile(baseline, 99), "ms", "report", Double.NaN));
    }

    /** Round-trip times in milliseconds of MEASURED READ BINARY commands after WARMUP unmeasured ones. */
    private static double[] measure(CardTerminal terminal) throws CardException {
        javax.smartcardio.Card card = terminal.connect("T=1");
        try {
            CardChannel channel = card.getBasicChannel();
            check(channel.transmit(new CommandAPDU(SELECT_JPKI)).getSW());
            CommandAPDU read = new CommandAPDU(READ_AVAILABILITY);
            for (int i = 0; i < WARMUP; i++) {
                check(channel.transmit(read).getSW());
            }
            double[] ms = new double[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                int sw = channel.transmit(read).getSW();
                ms[i] = (System.nanoTime() - start) / 1e6;
                check(sw);
            }
            return ms;
        } finally {
            card.disconnect(true);
        }
    }

    private static void check(int sw) {
        if (sw != 0x9000) {
            throw new IllegalStateException("the emulated card answered " + Integer.toHexString(sw));
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}

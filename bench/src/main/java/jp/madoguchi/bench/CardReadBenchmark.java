package jp.madoguchi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.card.CardAccessException;
import jp.madoguchi.card.CardConnection.ReadRequest;
import jp.madoguchi.card.CardMonitor;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.TerminalSource;
import jp.madoguchi.sim.card.CardSlot;
import jp.madoguchi.sim.card.Faults;
import jp.madoguchi.sim.card.LifeCycle;
import jp.madoguchi.sim.card.ProfileCodec;
import jp.madoguchi.sim.card.ProfileGenerator;
import jp.madoguchi.sim.card.ProfileStore;
import jp.madoguchi.sim.card.vpcd.VpcdCard;

/**
 * "card-read": the full read (My Number + basic 4 info + auth certificate + both CA certificates +
 * every PIN's tries) through pcscd + vpcd and the card thread, on 50 card insertions alternating the
 * two vpcd slots. The emulated cards run on threads of this JVM (the emulator's {@link VpcdCard}, a
 * TCP client of pcscd's vpcd like any emulator process): a real card answers at the same speed from its
 * first command, while a fresh emulator JVM per card would add its own JIT warm-up to every figure and
 * so measure the emulator, not the reader. Every APDU still goes through pcscd and the vpcd socket.
 * Baselines from the same run: (a) the floor, APDU count × the median round trip of a one-APDU retry
 * query sampled on every card; (b) OpenSC's pkcs15-tool reading the certificates it can (auth, auth CA,
 * sign CA: one invocation each). Needs pcscd with vpcd on MADO_VPCD_PORT (as inside {@code ./mado test}).
 */
public final class CardReadBenchmark implements Benchmark {

    private static final int CARDS = 50;
    private static final int WARMUP_READS = 15;
    private static final int WARM_READS_PER_CARD = 3;
    private static final int ROUND_TRIPS_PER_CARD = 40;
    private static final int OPENSC_RUNS = 15;
    private static final String[] READERS = {"Virtual PCD 00 00", "Virtual PCD 00 01"};
    private static final String FLOOR_GOAL = "<= 1.5x floor";
    private static final String OPENSC_GOAL = "<= 0.5x OpenSC";

    @Override
    public String name() {
        return "card-read";
    }

    @Override
    public List<BenchRow> run() throws Exception {
        if (!Files.exists(Path.of("/run/pcscd/pcscd.comm"))) {
            return List.of(BenchRow.notMeasured("full card read via pcscd vs APDU floor", FLOOR_GOAL,
                    "pcscd is not running (start pcscd with vpcd on MADO_VPCD_PORT, as ./mado test does)"));
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("MADO_VPCD_PORT", "35963"));
        // The emulator fsyncs its profile after every successful VERIFY; keep that off the disk (tmpfs
        // when there is one) so the figure measures the card path, not this machine's disk.
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "card-read-bench")
                : Files.createTempDirectory("card-read-bench");
        List<InsertedCard> cards = new ArrayList<>();
        try (CardMonitor monitor = new CardMonitor(TerminalSource.pcsc()).start()) {
            Path[] profiles = profiles(dir);
            List<Double> reads = new ArrayList<>();
            List<Double> roundTrips = new ArrayList<>();
            int apdus = 0;
            cards.add(insert(profiles[0], 0, port));
            for (int k = 0; k < CARDS; k++) {
                int slot = k % 2;
                String reader = awaitCard(monitor, cards, k, profiles[slot], slot, port);
                // The first card warms this JVM (reader and emulator code) up; each later card gets a
                // few reads first too, so a card's first-contact costs in pcscd are not in the figure.
                for (int w = 0; w < (k == 0 ? WARMUP_READS : WARM_READS_PER_CARD); w++) {
                    timedRead(monitor, reader);
                }
                // A job's result is delivered before its end-of-job reset, which the card thread runs
                // right after it: let the last warm read's reset finish outside the timing, as it has
                // long finished when a clerk's read follows an insertion.
                monitor.submit(reader, c -> null).get(30, TimeUnit.SECONDS);
                long t0 = System.nanoTime();
                CardSnapshot s = timedRead(monitor, reader);
                reads.add((System.nanoTime() - t0) / 1e6);
                apdus = s.apduCount();
                roundTrips.addAll(roundTrips(monitor, reader));
                if (k + 1 < CARDS) {
                    awaitEmpty(monitor, READERS[(k + 1) % 2]);
                    cards.add(insert(profiles[(k + 1) % 2], (k + 1) % 2, port));
                    cards.get(k).remove();
                }
            }
            double roundTrip = median(roundTrips);
            double opensc = opensc((CARDS - 1) % 2);
            double median = median(reads);
            List<BenchRow> rows = new ArrayList<>();
            rows.add(new BenchRow(String.format(java.util.Locale.ROOT,
                    "card-read: full read via pcscd, median of %d cards vs floor (%d APDUs x %.3f ms)", CARDS, apdus,
                    roundTrip), median, apdus * roundTrip, "ms", FLOOR_GOAL, 1.5));
            rows.add(Double.isNaN(opensc)
                    ? BenchRow.notMeasured("card-read: full read vs OpenSC pkcs15-tool", OPENSC_GOAL, "pkcs15-tool failed or absent")
                    : new BenchRow("card-read: full read vs OpenSC pkcs15-tool --read-certificate (auth, auth CA, sign CA)",
                    median, opensc, "ms", OPENSC_GOAL, 0.5));
            return rows;
        } finally {
            for (InsertedCard c : cards) {
                c.remove();
            }
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static CardSnapshot timedRead(CardMonitor monitor, String reader) throws Exception {
        return monitor.submit(reader, c -> c.read(new ReadRequest("1234".toCharArray(), null, null)))
                .get(30, TimeUnit.SECONDS);
    }

    /** Waits for card k; vpcd can miss a card connected right after the previous removal: insert it again. */
    private static String awaitCard(CardMonitor monitor, List<InsertedCard> cards, int k, Path profile, int slot, int port)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return monitor.awaitCard(READERS[slot], Duration.ofSeconds(attempt == 1 ? 20 : 5));
            } catch (CardAccessException e) {
                if (attempt == 3) {
                    throw e;
                }
                cards.get(k).remove();
                cards.set(k, insert(profile, slot, port));
            }
        }
    }

    /**
     * Waits until the card thread has seen the previous card leave {@code reader}. On a loaded machine
     * pcscd notices a removal late; a new card inserted before that looked like the old one still being
     * there, and the read then met a vanished card (MDG-READER-003/006). Bounded; outside the timing.
     */
    private static void awaitEmpty(CardMonitor monitor, String reader) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (monitor.state(reader) != jp.madoguchi.card.ReaderState.EMPTY && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Two delivered cards (PINs 1234 / TEST2025), made by the emulator's own generator. */
    private static Path[] profiles(Path dir) throws IOException {
        Path[] out = {dir.resolve("card-a.json"), dir.resolve("card-b.json")};
        for (int i = 0; i < out.length; i++) {
            ProfileGenerator.Options o = new ProfileGenerator.Options();
            o.seed = 1001 + i;
            o.pinsPreset = true;
            o.lifeCycle = LifeCycle.OPERATIONAL;
            ProfileStore.writeAtomically(out[i], ProfileCodec.write(ProfileGenerator.generate(o)));
        }
        return out;
    }

    private static InsertedCard insert(Path profile, int slot, int port) throws IOException {
        VpcdCard card = new VpcdCard(CardSlot.ofProfile(profile, Faults.none()), "127.0.0.1", port + slot);
        Thread serving = new Thread(card, "bench-card-slot-" + slot);
        serving.setDaemon(true);
        serving.start();
        return new InsertedCard(card, serving);
    }

    /** An emulated card in a vpcd slot, served by its own thread until removed. */
    private record InsertedCard(VpcdCard card, Thread serving) {

        /** Pulls the card and waits until its thread has closed the connection and saved the profile. */
        void remove() {
            card.remove();
            try {
                serving.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Round trips (ms) of the one-APDU retry query through the same stack, on the card just read. */
    private static List<Double> roundTrips(CardMonitor monitor, String reader) throws Exception {
        return monitor.submit(reader, c -> {
            c.pinStatus(PinKind.AUTH);
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < ROUND_TRIPS_PER_CARD; i++) {
                long t0 = System.nanoTime();
                c.pinStatus(PinKind.AUTH);
                samples.add((System.nanoTime() - t0) / 1e6);
            }
            return samples;
        }).get(60, TimeUnit.SECONDS);
    }

    /** Median time (ms) of pkcs15-tool reading certificates 01, 03, 04 (one invocation each). */
    private static double opensc(int readerIndex) throws Exception {
        List<Double> runs = new ArrayList<>();
        for (int r = 0; r < OPENSC_RUNS; r++) {
            long t0 = System.nanoTime();
            for (String id : new String[] {"01", "03", "04"}) {
                Process p;
                try {
                    p = new ProcessBuilder("pkcs15-tool", "--reader", String.valueOf(readerIndex), "--read-certificate", id)
                            .redirectErrorStream(true).start();
                } catch (IOException e) {
                    return Double.NaN;
                }
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.contains("BEGIN CERTIFICATE")) {
                    return Double.NaN;
                }
            }
            runs.add((System.nanoTime() - t0) / 1e6);
        }
        return median(runs);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

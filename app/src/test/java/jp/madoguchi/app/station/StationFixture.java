package jp.madoguchi.app.station;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import jp.madoguchi.app.counter.workflow.SharedCentralKeys;
import jp.madoguchi.cache.SyncSettings;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.sim.central.CentralSystem;
import jp.madoguchi.sim.central.Enrolment;
import jp.madoguchi.sim.central.api.CentralServer;
import jp.madoguchi.sim.central.factory.CardFactory;
import jp.madoguchi.sim.central.faults.FaultInjector;
import jp.madoguchi.sim.central.faults.FaultSettings;

/**
 * A real counter for the UI tests: the reference central system in-process (its own SQLite, HTTPS +
 * mutual TLS on a free loopback port, fault injector), the workstation enrolled into
 * {@code <data dir>/enrolment/} exactly as {@code ./mado demo} does it, cards made by central's
 * factory for this office, and the composition root opened on a {@link Configuration} that names
 * the data directory, central's URL and the emulated reader ({@code reader.provider=sim}).
 */
public final class StationFixture implements AutoCloseable {

    public static final String OFFICE = "131016";
    static final SyncSettings FAST = SyncSettings.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(300))
            .withIntervals(Duration.ofMillis(200), Duration.ofMillis(100));

    public final Path data;
    public final FaultInjector faults = new FaultInjector();
    public final CentralSystem central;
    public final CentralServer server;
    public final List<CardFactory.Made> cards;
    public final Configuration config;
    public final CounterServices services;

    /** {@code extra}: more {@code --set key=value} pairs (e.g. training.mode=true). */
    public StationFixture(Path dir, int cardCount, String... extra) throws Exception {
        data = dir.resolve("workstation");
        SharedCentralKeys.rewind();
        central = CentralSystem.open(dir.resolve("central"), Clock.systemUTC());
        server = CentralServer.start(central, faults, "127.0.0.1", 0, -1);
        Path enrolment = data.resolve("enrolment");
        char[] password = "station-test".toCharArray();
        Enrolment.enrol(central, OFFICE, "MUNICIPAL", "T01", enrolment, password.clone(), Duration.ofDays(30));
        Files.writeString(enrolment.resolve("workstation.password"), new String(password));
        cards = new CardFactory(central, 11).make(OFFICE, cardCount, 0.3, dir.resolve("cards"));
        List<String> args = new ArrayList<>(List.of("--set", "data.dir=" + data, "--set", "central.url=https://127.0.0.1:" + server.port(),
                "--set", "reader.provider=sim", "--set", "central.timeout.seconds=3"));
        for (String e : extra) {
            args.add("--set");
            args.add(e);
        }
        config = Configuration.load(args);
        services = CounterServices.open(config, Clock.systemUTC(), FAST);
    }

    /** Cuts central off (every connection refused) or lets it answer again. */
    public void partition(boolean on) {
        faults.set(on ? new FaultSettings(0, 0, 0, 1, 0, 0, true, 0) : FaultSettings.NONE);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(30);
        }
    }

    @Override
    public void close() throws Exception {
        services.close();
        server.close();
        central.close();
    }
}

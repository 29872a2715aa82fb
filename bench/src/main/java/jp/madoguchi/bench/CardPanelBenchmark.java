package jp.madoguchi.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.app.station.CounterServices;
import jp.madoguchi.app.training.TrainingReaders;
import jp.madoguchi.app.ui.BackgroundTaskExecutor;
import jp.madoguchi.app.ui.CardPanelViewModel;
import jp.madoguchi.app.ui.Texts;
import jp.madoguchi.cache.LinkState;
import jp.madoguchi.card.CardConnection;
import jp.madoguchi.card.ReaderState;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.sim.central.CentralSystem;
import jp.madoguchi.sim.central.Enrolment;
import jp.madoguchi.sim.central.api.CentralServer;
import jp.madoguchi.sim.central.factory.CardFactory;
import jp.madoguchi.sim.central.faults.FaultInjector;

/**
 * {@code card-panel}: card inserted → card panel filled (the card panel's ViewModel reaching SHOWN:
 * card read on the card thread, the holder looked up in the read cache, handed to the UI thread),
 * against the card-read figure measured in the same run on the same card: insert → the card thread
 * sees it → one full read without PINs. Both through the composition root on the in-JVM emulated
 * terminal, so the difference is the panel's own cost (events, hops, read-cache lookup). Each card is
 * put in once before measuring (the emulator's first-insertion key generation). Median of
 * {@value #CARDS} cards.
 */
public final class CardPanelBenchmark implements Benchmark {

    private static final int CARDS = 8;

    @Override
    public String name() {
        return "card-panel";
    }

    @Override
    public List<BenchRow> run() throws Exception {
        Path dir = Files.createTempDirectory("bench-card-panel");
        Path data = dir.resolve("workstation");
        try (CentralSystem central = CentralSystem.open(dir.resolve("central"), Clock.systemUTC())) {
            CentralServer server = CentralServer.start(central, new FaultInjector(), "127.0.0.1", 0, -1);
            try {
                char[] password = "bench-card-panel".toCharArray();
                Enrolment.enrol(central, "131016", "MUNICIPAL", "B02", data.resolve("enrolment"), password.clone(), Duration.ofDays(2));
                Files.writeString(data.resolve("enrolment").resolve("workstation.password"), new String(password));
                List<CardFactory.Made> cards = new CardFactory(central, 5).make("131016", CARDS, 0, dir.resolve("cards"));
                Configuration config = Configuration.load(List.of("--set", "data.dir=" + data, "--set",
                        "central.url=https://127.0.0.1:" + server.port(), "--set", "reader.provider=sim"));
                try (CounterServices services = CounterServices.open(config, Clock.systemUTC())) {
                    return List.of(measure(services, cards));
                }
            } finally {
                server.close();
            }
        }
    }

    private BenchRow measure(CounterServices services, List<CardFactory.Made> cards) throws Exception {
        CounterStation station = services.forStaff(new StaffAccount("B", "bench", StaffRole.CLERK, 0, null));
        await(() -> station.sync().link() == LinkState.ONLINE
                && cards.stream().allMatch(c -> station.cache().card(c.cardSerial()).isPresent()));
        TrainingReaders readers = services.trainingReaders().orElseThrow();
        ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-ui"));
        List<Double> panel = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        // The emulator gives a factory-made card its two card-AP keys (RSA generation, profile saved) on
        // its first insertion; done here once, so neither measured insertion pays it (else the panel,
        // inserted first, did).
        for (CardFactory.Made card : cards) {
            readers.insert(0, card.profile());
            readers.remove(0);
        }
        await(() -> station.monitor().state(station.reader()) == ReaderState.EMPTY);
        try (BackgroundTaskExecutor tasks = new BackgroundTaskExecutor()) {
            for (CardFactory.Made card : cards) {
                // A fresh panel per card, closed before the baseline so the two never share the card thread.
                CardPanelViewModel vm = ui.submit(() -> new CardPanelViewModel(new Texts(Locale.JAPANESE), () -> station, tasks,
                        ui::execute, Clock.systemUTC())).get();
                await(() -> phase(ui, vm) == CardPanelViewModel.Phase.NO_CARD);
                long t0 = System.nanoTime();
                readers.insert(0, card.profile());
                await(() -> phase(ui, vm) == CardPanelViewModel.Phase.SHOWN);
                panel.add((System.nanoTime() - t0) / 1e6);
                ui.submit(vm::close).get();
                readers.remove(0);
                await(() -> station.monitor().state(station.reader()) == ReaderState.EMPTY);

                t0 = System.nanoTime();
                readers.insert(0, card.profile());
                await(() -> station.monitor().state(station.reader()) == ReaderState.CARD_PRESENT);
                station.monitor().submit(station.reader(), c -> c.read(CardConnection.ReadRequest.withoutPins())).get();
                read.add((System.nanoTime() - t0) / 1e6);
                readers.remove(0);
                await(() -> station.monitor().state(station.reader()) == ReaderState.EMPTY);
            }
        } finally {
            ui.shutdown();
        }
        return new BenchRow("card-panel: card inserted → panel filled vs insert → detected + full read (in-JVM terminal)",
                median(panel), median(read), "ms", "<= 1.2x", 1.2);
    }

    private static CardPanelViewModel.Phase phase(ExecutorService ui, CardPanelViewModel vm) {
        try {
            return ui.submit(vm::phase).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("card-panel benchmark: timed out");
            }
            Thread.sleep(1);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

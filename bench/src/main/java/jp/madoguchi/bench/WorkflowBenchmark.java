package jp.madoguchi.bench;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.SecretKey;
import javax.security.auth.x500.X500Principal;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CertStatus;
import jp.madoguchi.app.counter.domain.Certificate;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.IdentityDocument;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.domain.StaffRole;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.ConnectivityRules;
import jp.madoguchi.app.counter.rules.MaintenanceCalendar;
import jp.madoguchi.app.counter.workflow.CardRecord;
import jp.madoguchi.app.counter.workflow.CertificateAuthority;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.counter.workflow.PinResetWorkflow;
import jp.madoguchi.app.counter.workflow.RenewalWorkflow;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.CentralClient;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.KeyVault;
import jp.madoguchi.cache.LinkState;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.cache.StoreSettings;
import jp.madoguchi.cache.SyncEngine;
import jp.madoguchi.cache.SyncSettings;
import jp.madoguchi.card.CardConnection;
import jp.madoguchi.card.CardMonitor;
import jp.madoguchi.card.JpkiKey;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.TerminalSource;
import jp.madoguchi.sim.card.CardSlot;
import jp.madoguchi.sim.card.Faults;
import jp.madoguchi.sim.card.provider.MadoguchiSimProvider;
import jp.madoguchi.sim.card.provider.SimReaders;
import jp.madoguchi.sim.card.vpcd.VpcdCard;
import jp.madoguchi.sim.central.CentralSystem;
import jp.madoguchi.sim.central.Enrolment;
import jp.madoguchi.sim.central.api.CentralServer;
import jp.madoguchi.sim.central.factory.CardFactory;
import jp.madoguchi.sim.central.faults.FaultInjector;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * {@code workflow}: the software time of a delivery, a PIN reset and a renewal of both certificates (no human input: every entry is
 * given at once) through the real stack — central over mTLS, the workstation's SQLite store and sync
 * engine, the card thread, an emulated card in pcscd's vpcd reader (the in-JVM terminal when pcscd is
 * not running, which the row says) — against the sum of its floors measured in the same run on twin
 * cards: the card floor (the same card commands sent directly through the card thread: read, PIN
 * states, one admin session per PIN, life cycle) and the durable-commit floor (the same acts recorded
 * straight into the store). The renewal runs on the delivered cards once central's and the workstation's
 * shared clock has moved into the certificates' renewal window; its card floor includes the emulator's
 * on-card key generation (RSA-2048, most of the card's time) and excludes the CA, which is ours to
 * answer for. Median of {@value #PAIRS} card pairs.
 */
public final class WorkflowBenchmark implements Benchmark {

    private static final int PAIRS = 3;
    private static final String OFFICE = "131016";
    private static final char[] PASSWORD = "bench-workflow".toCharArray();

    @Override
    public String name() {
        return "workflow";
    }

    @Override
    public List<BenchRow> run() throws Exception {
        Path dir = Files.createTempDirectory("bench-workflow");
        boolean pcsc = Files.exists(Path.of("/run/pcscd/pcscd.comm")) && System.getenv("MADO_VPCD_PORT") != null;
        int port = Integer.parseInt(System.getenv().getOrDefault("MADO_VPCD_PORT", "35963"));
        BenchClock clock = new BenchClock();
        try (CentralSystem central = CentralSystem.open(dir.resolve("central"), clock)) {
            CentralServer server = CentralServer.start(central, new FaultInjector(), "127.0.0.1", 0, -1);
            try {
                Path enrolment = dir.resolve("enrolment");
                Enrolment.enrol(central, OFFICE, "MUNICIPAL", "B01", enrolment, PASSWORD.clone(), Duration.ofDays(2));
                List<CardFactory.Made> cards = new CardFactory(central, 11).make(OFFICE, 18, 0, dir.resolve("cards")).stream()
                        .filter(m -> !m.pinsPreset() && Period.between(m.resident().birthDate(), LocalDate.now()).getYears() >= 20)
                        .filter(WorkflowBenchmark::hasSign).toList();
                if (cards.size() < 2 * PAIRS) {
                    return List.of(BenchRow.notMeasured("workflow software time vs card+commit floor", "report",
                            "the card factory made too few adult cards"));
                }
                return measure(dir, enrolment, server.port(), cards, pcsc, port, clock);
            } finally {
                server.close();
            }
        }
    }

    private List<BenchRow> measure(Path dir, Path enrolment, int centralPort, List<CardFactory.Made> cards, boolean pcsc, int vpcdPort,
                                   BenchClock clock) throws Exception {
        Path data = dir.resolve("data");
        SecretKey key = KeyVault.openOrCreate(data.resolve("key").resolve("k.p12"), PASSWORD.clone());
        StoreSettings settings = StoreSettings.defaults(data, "B01").withClock(clock);
        URI url = URI.create("https://127.0.0.1:" + centralPort);
        SimReaders sim = pcsc ? null : new SimReaders();
        TerminalSource source = pcsc ? TerminalSource.pcsc()
                : TerminalSource.of(TerminalFactory.getInstance("MadoguchiSim", sim, new MadoguchiSimProvider()));
        String reader = pcsc ? "Virtual PCD 00 00" : "Madoguchi Sim 00 00";
        try (CacheStore store = CacheStore.open(settings, key);
             ReadCache cache = ReadCache.open(settings, key, OFFICE);
             SyncEngine engine = new SyncEngine(store, cache, CentralClient.open(url, enrolment.resolve(Enrolment.KEYSTORE),
                     PASSWORD.clone(), enrolment.resolve(Enrolment.CA_PEM), Duration.ofSeconds(3)),
                     SyncSettings.defaults().withIntervals(Duration.ofMillis(200), Duration.ofMillis(200)));
             CardMonitor monitor = new CardMonitor(source).start()) {
            engine.start();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(engine.link() == LinkState.ONLINE && cards.stream().allMatch(c -> cache.card(c.cardSerial()).isPresent()))) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("the feed did not reach the workstation");
                }
                Thread.sleep(50);
            }
            byte[] issuerKey = HexFormat.of().parseHex(Files.readString(enrolment.resolve(Enrolment.ISSUER_HEX)).trim());
            CounterStation station = new CounterStation(Office.municipal(OFFICE, "ベンチ市"), new Staff("B", "bench", StaffRole.CLERK, OFFICE),
                    monitor, reader, issuerKey, store, cache, engine, CertificateAuthority.open(url, enrolment.resolve(Enrolment.KEYSTORE),
                    PASSWORD.clone(), enrolment.resolve(Enrolment.CA_PEM), Duration.ofSeconds(5)), clock,
                    ConnectivityRules.OfficeSettings.defaults(), MaintenanceCalendar.byRule(), data.resolve("workflows"));
            List<Double> delivery = new ArrayList<>();
            List<Double> deliveryCard = new ArrayList<>();
            List<Double> reset = new ArrayList<>();
            List<Double> resetCard = new ArrayList<>();
            List<Double> deliveryCommit = new ArrayList<>();
            List<Double> resetCommit = new ArrayList<>();
            Slot slot = new Slot(monitor, reader, sim, vpcdPort);
            for (int i = 0; i < PAIRS; i++) {
                CardFactory.Made a = cards.get(2 * i);
                CardFactory.Made b = cards.get(2 * i + 1);
                slot.insert(a.profile());
                delivery.add(ms(() -> deliver(station, a.cardSerial())));
                awaitActive(engine, cache, a.cardSerial());
                reset.add(ms(() -> resetAuth(station)));
                slot.remove();
                slot.insert(b.profile());
                byte[] k = issuerKey;
                deliveryCard.add(ms(() -> cardFloorDelivery(monitor, reader, k)));
                resetCard.add(ms(() -> cardFloorReset(monitor, reader, k)));
                slot.remove();
                deliveryCommit.add(ms(() -> {
                    record(store, OperationType.DELIVERY_COMPLETED, b.cardSerial());
                    record(store, OperationType.OLD_CARD_COLLECTED, b.cardSerial());
                }));
                resetCommit.add(ms(() -> record(store, OperationType.PIN_RESET, b.cardSerial())));
            }
            List<Double> renewal = new ArrayList<>();
            List<Double> renewalCard = new ArrayList<>();
            List<Double> renewalCommit = new ArrayList<>();
            // Renewal needs both certificates inside their window: before each card, central and the
            // workstation move (forward only: the cards in the order of their certificates' expiry) to
            // 30 days before the card's earlier notAfter.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                awaitCertificatesValid(engine, cache, cards.get(2 * i).cardSerial());
                order.add(i);
            }
            order.sort(Comparator.comparing(i -> earliestNotAfter(cache, cards.get(2 * i))));
            KeyPair benchIssuer = issuerKeyPair();
            for (int i : order) {
                CardFactory.Made a = cards.get(2 * i);
                CardFactory.Made b = cards.get(2 * i + 1);
                clock.moveTo(earliestNotAfter(cache, a).minus(Duration.ofDays(30)));
                slot.insert(a.profile());
                renewal.add(ms(() -> renewBoth(station)));
                slot.remove();
                slot.insert(b.profile());
                byte[] k = issuerKey;
                renewalCard.add(cardFloorRenewal(monitor, reader, k, benchIssuer));
                slot.remove();
                renewalCommit.add(ms(() -> {
                    record(store, OperationType.CERT_RENEWED, b.cardSerial());
                    record(store, OperationType.CERT_RENEWED, b.cardSerial());
                }));
            }
            String via = pcsc ? "pcscd+vpcd" : "in-JVM terminal (pcscd not running)";
            List<BenchRow> rows = new ArrayList<>();
            rows.add(row("workflow: delivery (4 PINs) via " + via + " vs card floor %.1f + commit floor %.1f ms",
                    delivery, deliveryCard, deliveryCommit));
            rows.add(row("workflow: PIN reset (1 PIN) via " + via + " vs card floor %.1f + commit floor %.1f ms",
                    reset, resetCard, resetCommit));
            rows.add(row("workflow: certificate renewal (SIGN+AUTH, CA over mTLS) via " + via
                    + " vs card floor %.1f (incl. on-card key generation) + commit floor %.1f ms", renewal, renewalCard, renewalCommit));
            return rows;
        }
    }

    /** The PIN reset needs the card ACTIVE in the read cache: wait (untimed) for central's feed. */
    private static void awaitActive(SyncEngine engine, ReadCache cache, String serial) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!cache.card(serial).map(c -> c.status().equals("ACTIVE")).orElse(false)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("central's feed never showed the delivered card ACTIVE");
            }
            engine.wake();
            Thread.sleep(50);
        }
    }

    /** Renewal reads the certificates from the read cache: wait (untimed) until central's feed shows both VALID. */
    private static void awaitCertificatesValid(SyncEngine engine, ReadCache cache, String serial) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!certificatesValid(cache, serial)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("central's feed never showed the delivered card's certificates VALID");
            }
            engine.wake();
            Thread.sleep(50);
        }
    }

    private static boolean certificatesValid(ReadCache cache, String serial) {
        Map<CertKind, Certificate> certs = CardRecord.load(cache, OFFICE, serial).certificates();
        return certs.keySet().containsAll(Set.of(CertKind.SIGN, CertKind.AUTH))
                && certs.values().stream().allMatch(c -> c.status() == CertStatus.VALID);
    }

    private static Instant earliestNotAfter(ReadCache cache, CardFactory.Made card) {
        return CardRecord.load(cache, OFFICE, card.cardSerial()).certificates().values().stream()
                .map(Certificate::notAfter).min(Comparator.naturalOrder()).orElseThrow();
    }

    private static BenchRow row(String label, List<Double> ours, List<Double> card, List<Double> commit) {
        double c = median(card);
        double d = median(commit);
        return new BenchRow(String.format(Locale.ROOT, label, c, d), median(ours), c + d, "ms", "report", Double.NaN);
    }

    private static void deliver(CounterStation station, String serial) {
        DeliveryWorkflow w = DeliveryWorkflow.start(station, serial, VisitorType.HOLDER);
        w.identity(identity());
        w.cardPresented();
        w.collected(List.of(new CollectedItem(CollectedItem.Kind.NOTIFICATION_CARD, CollectedItem.Disposition.COLLECTED,
                Optional.empty(), false)));
        while (w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            char[] pin = (t == PinType.SIGN ? "BENCH2026" : "4826").toCharArray();
            w.newPin(pin, pin.clone());
        }
        w.proceed();
        if (w.step() != DeliveryWorkflow.Step.DONE) {
            throw new IllegalStateException("delivery did not finish: " + w.failure().map(f -> f.code()).orElse("?"));
        }
    }

    private static void resetAuth(CounterStation station) {
        PinResetWorkflow w = PinResetWorkflow.start(station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(PinType.AUTH), PinResetWorkflow.Reason.FORGOTTEN);
        w.identity(identity());
        w.newPin("7391".toCharArray(), "7391".toCharArray());
        if (w.step() != PinResetWorkflow.Step.DONE) {
            throw new IllegalStateException("PIN reset did not finish: " + w.failure().map(f -> f.code()).orElse("?"));
        }
    }

    /** Both certificates, after the delivery's PINs and the reset AUTH PIN. */
    private static void renewBoth(CounterStation station) {
        RenewalWorkflow w = RenewalWorkflow.start(station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(CertKind.SIGN, CertKind.AUTH), false);
        if (!w.plans().values().stream().allMatch(t -> t == OperationType.CERT_RENEWED) || w.plans().size() != 2) {
            throw new IllegalStateException("renewal planned " + w.plans() + ", failure " + w.failure().map(f -> f.code()).orElse("none"));
        }
        while (!w.pinsToVerify().isEmpty() && w.failure().isEmpty()) {
            PinType t = w.pinsToVerify().get(0);
            w.currentPin(t, renewalPin(t));
        }
        w.identity(identity());
        w.proceed();
        if (w.step() != RenewalWorkflow.Step.DONE) {
            throw new IllegalStateException("renewal did not finish: " + w.failure().map(f -> f.code()).orElse("?"));
        }
    }

    /** The PINs a renewal verifies, as the delivery and the PIN reset left them. */
    private static char[] renewalPin(PinType t) {
        return switch (t) {
            case SIGN -> "BENCH2026".toCharArray();
            case AUTH -> "7391".toCharArray();
            default -> "4826".toCharArray();
        };
    }

    /**
     * The card commands a renewal of both certificates sends (read, the three current PINs, per kind one
     * admin session: key pair, CSR signed by the pending key, staged write + ACTIVATE), in ms. The CA's
     * place is taken by a certificate for the pending key made here; making it is not counted.
     */
    private static double cardFloorRenewal(CardMonitor monitor, String reader, byte[] issuerKey, KeyPair benchIssuer) throws Exception {
        long start = System.nanoTime();
        long[] excluded = new long[1];
        monitor.submit(reader, c -> c.read(CardConnection.ReadRequest.withoutPins())).get();
        for (PinKind k : new PinKind[] {PinKind.JUKI, PinKind.SIGN, PinKind.AUTH}) {
            char[] pin = renewalPin(PinType.valueOf(k.name()));
            if (!monitor.submit(reader, c -> c.verifyPin(k, pin)).get().ok()) {
                throw new IllegalStateException("the twin card refused its " + k + " PIN");
            }
        }
        for (JpkiKey key : new JpkiKey[] {JpkiKey.SIGN, JpkiKey.AUTH}) {
            monitor.submit(reader, c -> c.administer(issuerKey, "floor", a -> {
                RSAPublicKey pending = a.generateKeyPair(key);
                a.certificationRequest(key, pending, new X500Principal("CN=floor"));
                long t0 = System.nanoTime();
                byte[] der = certificateFor(pending, benchIssuer);
                excluded[0] += System.nanoTime() - t0;
                a.writeCertificate(key, der);
                return null;
            })).get();
        }
        return (System.nanoTime() - start - excluded[0]) / 1e6;
    }

    private static KeyPair issuerKeyPair() throws java.security.GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** A certificate for {@code subjectKey}, the card only checks that it carries its pending key. */
    private static byte[] certificateFor(PublicKey subjectKey, KeyPair issuer) {
        try {
            X500Name name = new X500Name("CN=bench floor");
            Instant now = Instant.now();
            return new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                    Date.from(now.plus(Duration.ofDays(365))), name, subjectKey)
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())).getEncoded();
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("a certificate made in memory", e);
        }
    }

    /** The card commands a delivery sends, straight through the card thread. */
    private static void cardFloorDelivery(CardMonitor monitor, String reader, byte[] issuerKey) throws Exception {
        monitor.submit(reader, c -> c.read(CardConnection.ReadRequest.withoutPins())).get();
        monitor.submit(reader, CardConnection::pinStatuses).get();
        for (PinKind k : new PinKind[] {PinKind.SIGN, PinKind.AUTH, PinKind.JUKI, PinKind.CARD_TEXT}) {
            char[] pin = (k == PinKind.SIGN ? "BENCH2026" : "4826").toCharArray();
            monitor.submit(reader, c -> c.administer(issuerKey, "floor", a -> {
                a.resetPin(k, pin);
                return null;
            })).get();
        }
        monitor.submit(reader, c -> c.administer(issuerKey, "floor", a -> {
            a.lifeCycle();
            a.setOperational();
            return null;
        })).get();
    }

    private static void cardFloorReset(CardMonitor monitor, String reader, byte[] issuerKey) throws Exception {
        monitor.submit(reader, c -> c.read(CardConnection.ReadRequest.withoutPins())).get();
        monitor.submit(reader, c -> c.administer(issuerKey, "floor", a -> {
            a.resetPin(PinKind.AUTH, "7391".toCharArray());
            return null;
        })).get();
    }

    private static void record(CacheStore store, OperationType type, String serial) {
        store.record(new CounterAct(type, "B", null, serial, 1L, Map.of("cardSerial", serial, "visitorType", "HOLDER",
                "idMethod", List.of("ID_A"), "pinTypesSet", List.of("SIGN", "AUTH", "JUKI", "CARD_TEXT"), "cardType", "PIN")));
    }

    private static IdentityCheck identity() {
        return IdentityCheck.holder(List.of(IdentityDocument.classA(DocumentType.PASSPORT, LocalDate.now().plusYears(1))),
                Set.of(PossessionProof.CARD_PRESENTED, PossessionProof.FACE_CHECKED));
    }

    private static boolean hasSign(CardFactory.Made m) {
        try {
            return !new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.profile().toFile()).path("certificates").path("sign").isNull();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The system clock plus an offset the run moves forward once; central and the workstation share it. Thread-safe. */
    private static final class BenchClock extends Clock {
        private final AtomicReference<Duration> offset;
        private final ZoneId zone;

        BenchClock() {
            this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
        }

        private BenchClock(AtomicReference<Duration> offset, ZoneId zone) {
            this.offset = offset;
            this.zone = zone;
        }

        void moveTo(Instant when) {
            offset.set(Duration.between(Instant.now(), when));
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new BenchClock(offset, z);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static double ms(Timed t) throws Exception {
        long start = System.nanoTime();
        t.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The reader the cards go into: vpcd slot 0, or the in-JVM terminal. */
    private static final class Slot {
        private final CardMonitor monitor;
        private final String reader;
        private final SimReaders sim;
        private final int port;
        private VpcdCard vpcd;
        private Thread thread;

        Slot(CardMonitor monitor, String reader, SimReaders sim, int port) {
            this.monitor = monitor;
            this.reader = reader;
            this.sim = sim;
            this.port = port;
        }

        void insert(Path profile) throws Exception {
            if (sim != null) {
                sim.slot(0).insert(CardSlot.ofProfile(profile, Faults.none()));
            } else {
                vpcd = new VpcdCard(CardSlot.ofProfile(profile, Faults.none()), "127.0.0.1", port);
                thread = new Thread(vpcd, "bench-vpcd");
                thread.setDaemon(true);
                thread.start();
            }
            monitor.awaitCard(reader, Duration.ofSeconds(10));
        }

        void remove() throws Exception {
            if (sim != null) {
                sim.slot(0).remove();
            } else {
                vpcd.remove();
                thread.join(5000);
            }
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (monitor.state(reader) == jp.madoguchi.card.ReaderState.CARD_PRESENT && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        }
    }
}

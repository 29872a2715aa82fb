package jp.madoguchi.app.counter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import java.util.function.Predicate;
import javax.crypto.SecretKey;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.IdentityDocument;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.domain.StaffRole;
import jp.madoguchi.app.counter.rules.ConnectivityRules;
import jp.madoguchi.app.counter.rules.MaintenanceCalendar;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.CentralClient;
import jp.madoguchi.cache.KeyVault;
import jp.madoguchi.cache.LinkState;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.cache.StoreSettings;
import jp.madoguchi.cache.SyncEngine;
import jp.madoguchi.cache.SyncSettings;
import jp.madoguchi.card.CardMonitor;
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
import jp.madoguchi.sim.central.faults.FaultSettings;

/**
 * The whole stack a workflow runs on, for real: the reference central system (its own SQLite, HTTPS +
 * mutual TLS on a free loopback port, enrolment, card factory, fault injector), the workstation's store,
 * read cache and sync engine on SQLite files, the card thread, and emulated cards made by central's
 * factory — in pcscd's virtual reader (vpcd, {@code ./mado test}) or in the in-JVM MadoguchiSim terminal.
 * Central's RSA keys come from {@link SharedCentralKeys} (generated once per JVM).
 */
public final class CounterStack implements AutoCloseable {

    public static final String OFFICE = "131016";
    /** The signed-in clerk's staff id (the same id is a CLERK account in {@link #staffDirectory}). */
    static final String CLERK = "C001";
    static final String TERMINAL = "T01";
    static final char[] PASSWORD = "workflow-test".toCharArray();
    static final SyncSettings FAST = SyncSettings.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(300))
            .withIntervals(Duration.ofMillis(200), Duration.ofMillis(100));

    final Path dir;
    final boolean pcsc;
    final FaultInjector faults = new FaultInjector();
    public final CentralSystem central;
    final CentralServer server;
    public final List<CardFactory.Made> cards;
    final CacheStore store;
    public final ReadCache cache;
    public final SyncEngine engine;
    public final CardMonitor monitor;
    final SimReaders simReaders;
    public final CounterStation station;
    private VpcdCard vpcd;
    private Thread vpcdThread;

    public CounterStack(Path dir, boolean pcsc, Clock clock) throws Exception {
        this(dir, pcsc, clock, Clock.systemUTC());
    }

    /** With central on a clock of its own (a test that moves time moves both). */
    CounterStack(Path dir, boolean pcsc, Clock clock, Clock centralClock) throws Exception {
        this(dir, pcsc, clock, centralClock, Office.municipal(OFFICE, "試験市役所"));
    }

    /**
     * An overseas mission (在外公館) whose stock holds overseas cards: central's factory makes the cards
     * for the mission's code, then central marks each Japanese national's card overseas with a planned
     * departure date (a CARD_STATUS_CHANGED with those attributes on the mission's feed, as a conversion
     * does); a foreign resident's card stays domestic.
     */
    static CounterStack mission(Path dir, boolean pcsc, Clock clock) throws Exception {
        return new CounterStack(dir, pcsc, clock, Clock.systemUTC(), Office.mission(MISSION, "在模擬国日本国大使館"));
    }

    public static final String MISSION = "990001";
    static final LocalDate DEPARTURE = LocalDate.of(2026, 4, 1);

    private CounterStack(Path dir, boolean pcsc, Clock clock, Clock centralClock, Office office) throws Exception {
        this.dir = dir;
        this.pcsc = pcsc;
        SharedCentralKeys.rewind();
        central = CentralSystem.open(dir.resolve("central"), centralClock);
        server = CentralServer.start(central, faults, "127.0.0.1", 0, -1);
        Path enrolment = dir.resolve("enrolment");
        Enrolment.enrol(central, office.code(), office.type().name(), TERMINAL, enrolment, PASSWORD.clone(), Duration.ofDays(30));
        cards = new CardFactory(central, 7).make(office.code(), 24, 0, dir.resolve("cards"));
        if (office.type() == jp.madoguchi.app.counter.domain.OfficeType.MISSION) {
            central.database().write(c -> {
                for (CardFactory.Made m : cards) {
                    if (m.resident().foreign()) {
                        continue; // overseas cards are for Japanese nationals only (§2.8)
                    }
                    var card = jp.madoguchi.sim.central.domain.CentralRecords.card(c, m.cardSerial());
                    jp.madoguchi.sim.central.domain.CentralRecords.changeCard(c, card, card.status(), null,
                            jp.madoguchi.sim.central.Json.object().put("overseas", true).put("departureDate", DEPARTURE.toString()));
                }
                return null;
            });
        }
        Path data = dir.resolve("data");
        SecretKey key = KeyVault.openOrCreate(data.resolve("key").resolve("cache-key.p12"), PASSWORD.clone());
        StoreSettings settings = StoreSettings.defaults(data, TERMINAL).withClock(clock);
        store = CacheStore.open(settings, key);
        cache = ReadCache.open(settings, key, office.code());
        URI url = URI.create("https://127.0.0.1:" + server.port());
        CentralClient client = CentralClient.open(url, enrolment.resolve(Enrolment.KEYSTORE), PASSWORD.clone(),
                enrolment.resolve(Enrolment.CA_PEM), Duration.ofSeconds(3));
        engine = new SyncEngine(store, cache, client, FAST);
        engine.start();
        CertificateAuthority ca = CertificateAuthority.open(url, enrolment.resolve(Enrolment.KEYSTORE), PASSWORD.clone(),
                enrolment.resolve(Enrolment.CA_PEM), Duration.ofSeconds(5));
        byte[] issuerKey = HexFormat.of().parseHex(Files.readString(enrolment.resolve(Enrolment.ISSUER_HEX)).trim());
        String reader;
        if (pcsc) {
            simReaders = null;
            monitor = new CardMonitor(TerminalSource.pcsc()).start();
            reader = "Virtual PCD 00 00";
        } else {
            simReaders = new SimReaders();
            TerminalFactory f = TerminalFactory.getInstance("MadoguchiSim", simReaders, new MadoguchiSimProvider());
            monitor = new CardMonitor(TerminalSource.of(f)).start();
            reader = "Madoguchi Sim 00 00";
        }
        long minVersion = office.type() == jp.madoguchi.app.counter.domain.OfficeType.MISSION ? 2 : 1;
        station = new CounterStation(office, new Staff(CLERK, "窓口 一郎", StaffRole.CLERK, office.code()),
                monitor, reader, issuerKey, store, cache, engine, ca, clock, ConnectivityRules.OfficeSettings.defaults(),
                MaintenanceCalendar.byRule(), data.resolve("workflows"));
        await("link ONLINE and the feed read", Duration.ofSeconds(20),
                () -> engine.link() == LinkState.ONLINE && cache.refreshedAt() != null
                        && cards.stream().allMatch(m -> cache.card(m.cardSerial())
                                .map(c -> c.version() >= (minVersion > 1 && !m.resident().foreign() ? minVersion : 1)).orElse(false)));
    }

    /** A made card matching {@code which} (by its resident and its profile). */
    public CardFactory.Made card(Predicate<CardFactory.Made> which) {
        return cards.stream().filter(which).findFirst().orElseThrow(() -> new AssertionError("no such card made"));
    }

    /** An adult with a sign certificate whose name a form prints as it is: not a foreign resident, every character in the BMP. */
    public static boolean plainFormHolder(CardFactory.Made m) {
        return adultWithSign(m) && !m.resident().foreign() && m.resident().name().codePoints().allMatch(c -> c <= 0xFFFF);
    }

    public static boolean adultWithSign(CardFactory.Made m) throws RuntimeException {
        try {
            return !m.pinsPreset() && age(m) >= 20 && Files.readString(m.profile()).contains("\"sign\" : \"");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static int age(CardFactory.Made m) {
        return java.time.Period.between(m.resident().birthDate(), LocalDate.now()).getYears();
    }

    /** Puts the card's profile into the reader (with faults) and waits until the card thread sees it. */
    void insert(Path profile, Faults f) throws Exception {
        CardSlot slot = CardSlot.ofProfile(profile, f);
        if (pcsc) {
            String port = System.getenv("MADO_VPCD_PORT");
            assertThat(port).as("MADO_VPCD_PORT: run with ./mado test (pcscd + vpcd)").isNotBlank();
            assertThat(Path.of("/run/pcscd/pcscd.comm")).as("pcscd's socket").exists();
            for (int attempt = 1; ; attempt++) {
                vpcd = new VpcdCard(slot, "127.0.0.1", Integer.parseInt(port));
                vpcdThread = new Thread(vpcd, "vpcd-card");
                vpcdThread.setDaemon(true);
                vpcdThread.start();
                try {
                    monitor.awaitCard(station.reader(), Duration.ofSeconds(3));
                    return;
                } catch (jp.madoguchi.common.MadoguchiException e) {
                    remove();
                    assertThat(attempt).as("pcscd never saw the card").isLessThan(3);
                    slot = CardSlot.ofProfile(profile, f);
                }
            }
        }
        simReaders.slot(0).insert(slot);
        monitor.awaitCard(station.reader(), Duration.ofSeconds(5));
    }

    public void insert(Path profile) throws Exception {
        insert(profile, Faults.none());
    }

    public void remove() throws Exception {
        if (pcsc) {
            if (vpcd != null) {
                vpcd.remove();
                vpcdThread.join(5000);
                vpcd = null;
            }
        } else if (simReaders.slot(0).isCardPresent()) {
            simReaders.slot(0).remove();
        }
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (monitor.state(station.reader()) == jp.madoguchi.card.ReaderState.CARD_PRESENT && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        if (pcsc) {
            Thread.sleep(1100); // the emulator's documented re-insertion gap on one vpcd port
        }
    }

    public void goOffline() throws Exception {
        faults.set(new FaultSettings(0, 0, 0, 1, 0, 0, true, 0));
        await("link OFFLINE", Duration.ofSeconds(15), () -> engine.link() == LinkState.OFFLINE);
    }

    public void goOnline() throws Exception {
        faults.set(FaultSettings.NONE);
        engine.wake();
        await("link ONLINE", Duration.ofSeconds(15), () -> engine.link() == LinkState.ONLINE);
    }

    /** The 24-hour loss line: central suspends the card (as its admin endpoint does). */
    void suspendCentrally(String serial) throws Exception {
        new jp.madoguchi.sim.central.domain.CentralEvents(central.database(), Clock.systemUTC()).suspend(serial);
    }

    /** Central's view of a card: status. */
    String centralCardStatus(String serial) {
        return centralRead(c -> {
            try (var s = c.prepareStatement("SELECT status FROM card WHERE card_serial = ?")) {
                s.setString(1, serial);
                try (var rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** Central's certificate statuses of a card, "KIND:STATUS" in serial order. */
    List<String> centralCertificates(String serial) {
        return centralRead(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (var s = c.prepareStatement("SELECT kind, status FROM certificate WHERE card_serial = ? ORDER BY rowid")) {
                s.setString(1, serial);
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + ":" + rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /** A read of central's database for an assertion; its failure fails the test unchecked. */
    private <T> T centralRead(jp.madoguchi.sim.central.store.CentralDatabase.Work<T> read) {
        try {
            return central.database().read(read);
        } catch (Exception e) {
            throw new IllegalStateException("reading central's database", e);
        }
    }

    /**
     * This office's staff accounts in a real staff file under the test directory: the clerk signed in
     * at the station, a second clerk and two supervisors (fast PBKDF2 for tests; lock after 3 wrong).
     */
    jp.madoguchi.app.staff.StaffDirectory staffDirectory() {
        var staff = jp.madoguchi.app.staff.StaffDirectory.open(dir.resolve("staff-" + System.nanoTime()), Clock.systemUTC(),
                new jp.madoguchi.app.staff.LockoutRule(3, Duration.ofMinutes(15)), new jp.madoguchi.app.staff.PasswordHasher(1000),
                () -> { });
        staff.provision(CLERK, "窓口 一郎", jp.madoguchi.app.staff.StaffRole.CLERK, "clerk-password-1".toCharArray());
        staff.provision("C002", "窓口 二郎", jp.madoguchi.app.staff.StaffRole.CLERK, "clerk-password-2".toCharArray());
        staff.provision("S001", "責任 太郎", jp.madoguchi.app.staff.StaffRole.SUPERVISOR, "supervisor-password-1".toCharArray());
        staff.provision("S002", "責任 花子", jp.madoguchi.app.staff.StaffRole.SUPERVISOR, "supervisor-password-2".toCharArray());
        return staff;
    }

    /** The operation's body as central stored it (its canonical JSON), or null before it arrived. */
    String centralOperationBody(java.util.UUID opId) {
        return centralRead(c -> {
            try (var s = c.prepareStatement("SELECT body FROM operation WHERE op_id = ?")) {
                s.setString(1, opId.toString());
                try (var rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    static final List<CollectedItem> ITEMS = List.of(
            new CollectedItem(CollectedItem.Kind.DELIVERY_NOTICE, CollectedItem.Disposition.COLLECTED, java.util.Optional.empty(), false),
            new CollectedItem(CollectedItem.Kind.NOTIFICATION_CARD, CollectedItem.Disposition.COLLECTED, java.util.Optional.empty(), false));

    /** A child with a parent of the same household (no 戸籍 needed), both showing a passport. */
    static jp.madoguchi.app.counter.domain.IdentityCheck withParent() {
        var passport = jp.madoguchi.app.counter.domain.IdentityDocument.classA(jp.madoguchi.app.counter.domain.DocumentType.PASSPORT,
                java.time.LocalDate.now().plusYears(3));
        return new jp.madoguchi.app.counter.domain.IdentityCheck(VisitorType.HOLDER_WITH_LEGAL_REP, List.of(passport), List.of(passport),
                Set.of(jp.madoguchi.app.counter.domain.PossessionProof.CARD_PRESENTED, jp.madoguchi.app.counter.domain.PossessionProof.FACE_CHECKED),
                java.util.Optional.of(new jp.madoguchi.app.counter.domain.LegalRepresentative(
                        new jp.madoguchi.app.counter.domain.PersonName("試験　保護者"),
                        jp.madoguchi.app.counter.domain.AuthorityProof.of(
                                jp.madoguchi.app.counter.domain.AuthorityProof.Kind.NOT_NEEDED_SAME_HOUSEHOLD), false)),
                jp.madoguchi.app.counter.domain.ProxyPaperwork.none());
    }

    static char[] pinFor(PinType t) {
        return (t == PinType.SIGN ? "ABC123" : "5827").toCharArray();
    }

    /** Runs a delivery to DONE with the card already inserted. */
    DeliveryWorkflow deliver(CardFactory.Made card) {
        boolean child = age(card) < 15;
        DeliveryWorkflow w = DeliveryWorkflow.start(station, card.cardSerial(),
                child ? VisitorType.HOLDER_WITH_LEGAL_REP : VisitorType.HOLDER);
        assertThat(w.failure()).isEmpty();
        w.identity(child ? withParent() : holderWithPassport());
        assertThat(w.failure()).as("identity").isEmpty();
        w.cardPresented();
        w.collected(ITEMS);
        while (w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            w.newPin(pinFor(t), pinFor(t));
            assertThat(w.failure()).as("PIN " + t).isEmpty();
        }
        w.proceed();
        return w;
    }

    public static IdentityCheck holderWithPassport() {
        return IdentityCheck.holder(List.of(IdentityDocument.classA(DocumentType.PASSPORT, LocalDate.now().plusYears(3))),
                Set.of(PossessionProof.CARD_PRESENTED, PossessionProof.FACE_CHECKED));
    }

    /**
     * The types of the acts recorded from {@code seq} on, in seq order. The sync engine's own AUDIT_HEAD
     * entries are left out: online, it queues one after the acts it sent whenever its round ends, so
     * whether one is already there depends on when the round ran.
     */
    public List<OperationType> actsFrom(long seq) {
        return store.entries(seq, 100).stream().map(OutboxEntry::type).filter(t -> t != OperationType.AUDIT_HEAD).toList();
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
        remove();
        monitor.close();
        engine.close();
        cache.close();
        store.close();
        server.close();
        central.close();
    }
}

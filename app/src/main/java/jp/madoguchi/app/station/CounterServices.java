package jp.madoguchi.app.station;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.OfficeType;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.rules.ConnectivityRules;
import jp.madoguchi.app.counter.rules.MaintenanceCalendar;
import jp.madoguchi.app.counter.workflow.CertificateAuthority;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.training.TrainingReaders;
import jp.madoguchi.app.ui.CounterStations;
import jp.madoguchi.app.ui.ReaderStatusSource;
import jp.madoguchi.app.ui.SyncStatusSource;
import jp.madoguchi.app.ui.UiFailure;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.CentralClient;
import jp.madoguchi.cache.KeyVault;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.cache.StoreSettings;
import jp.madoguchi.cache.SyncEngine;
import jp.madoguchi.cache.SyncSettings;
import jp.madoguchi.card.CardAccessException;
import jp.madoguchi.card.CardMonitor;
import jp.madoguchi.card.ReaderFailure;
import jp.madoguchi.card.ReaderState;
import jp.madoguchi.card.TerminalSource;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.common.MadoguchiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the counter: opens, once at application start, the card thread (PC/SC, or
 * the emulated terminal for {@code reader.provider=sim}), the store, the read cache, the sync engine
 * with its central client, the certificate authority and the issuer key, and hands them to every
 * signed-in staff member as a {@link CounterStation}.
 *
 * <p>Configuration read: {@code office.type}, {@code office.code}, {@code terminal.id},
 * {@code central.url}, {@code central.keystore} and {@code central.truststore} (empty:
 * {@code <data dir>/enrolment/workstation.p12} and {@code central-ca.pem}; the keystore's password is
 * {@code workstation.password} and the issuer key {@code k-issuer.hex} beside the keystore),
 * {@code central.timeout.seconds}, {@code reader.provider}, {@code reader.name}, {@code data.dir},
 * {@code cache.max.age.hours}, {@code cache.pii.retention.days}, {@code training.mode}.
 *
 * <p>Opening never throws: a part that cannot open leaves a coded {@link #failure()} (missing
 * enrolment MDG-UI-006, the key or store's own MDG-CACHE code, otherwise MDG-UI-007), which
 * {@link #forStaff} throws and the status bar shows; the window opens all the same. In training mode
 * the queue and read cache live in {@code <data dir>/training/} and the sync engine is never
 * started, so nothing is sent to central (and online-only operations are refused, MDG-SYNC-001).
 *
 * <p>Threads: {@link #open} blocks (disk, key derivation): call it off the FX thread. The parts are
 * thread-safe; {@link #close()} stops them in the reverse order of opening.
 */
public final class CounterServices implements CounterStations, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CounterServices.class);

    private final Configuration config;
    private final Clock clock;
    private final boolean training;
    private final Office office;
    private TrainingReaders trainingReaders;
    /**
     * How often the card thread looks for a card: a card put into the reader waits for the next poll
     * before anything is read, so this bounds the card panel's delay (issue 8: ≤ 150 ms from insertion
     * to a filled panel). A poll is one reader list and one status query per reader, cheap for pcscd.
     */
    private static final Duration CARD_POLL = Duration.ofMillis(50);

    private CardMonitor monitor;
    private CacheStore store;
    private ReadCache cache;
    private SyncEngine engine;
    private CertificateAuthority ca;
    private byte[] issuerKey;
    private MadoguchiException failure;
    private CardReaderStatus readerStatus;
    private QueueStatus syncStatus;

    private CounterServices(Configuration config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.training = config.getBoolean("training.mode");
        this.office = office(config);
    }

    /** Opens every part with the default sync timings. */
    public static CounterServices open(Configuration config, Clock clock) {
        return open(config, clock, SyncSettings.defaults());
    }

    /** Opens every part; {@code sync} sets the engine's timings (the demo script uses short ones). */
    public static CounterServices open(Configuration config, Clock clock, SyncSettings sync) {
        CounterServices s = new CounterServices(config, clock);
        s.openParts(sync);
        return s;
    }

    private void openParts(SyncSettings sync) {
        try {
            TerminalSource source;
            if (config.get("reader.provider").equals("sim")) {
                trainingReaders = new TrainingReaders();
                source = trainingReaders.source();
            } else {
                source = TerminalSource.pcsc();
            }
            monitor = new CardMonitor(source, CARD_POLL).start();
        } catch (RuntimeException | LinkageError e) {
            fail(new MadoguchiException(UiFailure.COUNTER_PART_UNAVAILABLE, Map.of("part", "card reader"), e));
        }
        readerStatus = new CardReaderStatus(monitor, config.get("reader.name"));
        try {
            openStore(sync);
        } catch (MadoguchiException e) {
            fail(e);
        } catch (RuntimeException | IOException e) {
            fail(new MadoguchiException(UiFailure.COUNTER_PART_UNAVAILABLE, Map.of("part", "queue / read cache"), e));
        }
        syncStatus = new QueueStatus(store, cache, engine, failure);
    }

    private void fail(MadoguchiException e) {
        LOG.error("{}: a counter part did not open", e.code(), e);
        if (failure == null) {
            failure = e;
        }
    }

    private void openStore(SyncSettings sync) throws IOException {
        Path data = config.dataDirectory();
        Path keyStore = path("central.keystore", data.resolve("enrolment").resolve("workstation.p12"));
        Path caPem = path("central.truststore", data.resolve("enrolment").resolve("central-ca.pem"));
        Path enrolment = keyStore.toAbsolutePath().getParent();
        Path passwordFile = enrolment.resolve("workstation.password");
        Path issuerFile = enrolment.resolve("k-issuer.hex");
        for (Path required : List.of(keyStore, caPem, passwordFile, issuerFile)) {
            if (!Files.isReadable(required)) {
                throw new MadoguchiException(UiFailure.ENROLMENT_MISSING, Map.of("path", required));
            }
        }
        char[] password = readPassword(passwordFile);
        try {
            Path own = training ? data.resolve("training") : data;
            SecretKey key = KeyVault.openOrCreate(own.resolve("key").resolve("cache-key.p12"), password.clone());
            StoreSettings settings = StoreSettings.defaults(own, config.get("terminal.id")).withConfiguration(config).withClock(clock);
            store = CacheStore.open(settings, key);
            cache = ReadCache.open(settings, key, office.code());
            URI url = URI.create(config.get("central.url"));
            Duration timeout = Duration.ofSeconds(config.getInt("central.timeout.seconds"));
            engine = new SyncEngine(store, cache, CentralClient.open(url, keyStore, password.clone(), caPem, timeout), sync);
            ca = CertificateAuthority.open(url, keyStore, password.clone(), caPem, timeout);
            issuerKey = HexFormat.of().parseHex(Files.readString(issuerFile, StandardCharsets.US_ASCII).trim());
            if (training) {
                LOG.info("training mode: the sync engine is not started; nothing is sent to central");
            } else {
                engine.start();
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Path path(String key, Path fallback) {
        String value = config.get(key);
        return value.isBlank() ? fallback : Path.of(value);
    }

    private static char[] readPassword(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == ' ')) {
                end--;
            }
            char[] out = new char[end];
            for (int i = 0; i < end; i++) {
                out[i] = (char) (bytes[i] & 0xFF);
            }
            return out;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static Office office(Configuration config) {
        String code = config.get("office.code");
        return switch (OfficeType.valueOf(config.get("office.type"))) {
            case MUNICIPAL -> Office.municipal(code, code);
            case MISSION -> Office.mission(code, code);
            // The contract arrives with central's OFFICE_CONFIG_CHANGED; until then nothing is contracted.
            case POST_OFFICE -> Office.postOffice(code, code, Set.of(), Set.of());
        };
    }

    /** Why the counter's parts are not usable, if they are not. */
    public Optional<MadoguchiException> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean trainingMode() {
        return training;
    }

    /** The emulated readers when {@code reader.provider=sim}: training mode's card drawer. */
    public Optional<TrainingReaders> trainingReaders() {
        return Optional.ofNullable(trainingReaders);
    }

    /** Reader state for the status bar, from the card thread. */
    public ReaderStatusSource readerStatus() {
        return readerStatus;
    }

    /** Link, queue and read-cache state for the status bar. */
    public SyncStatusSource syncStatus() {
        return syncStatus;
    }

    /**
     * The station of {@code account}: the shared parts with the staff member, the office and the reader
     * (the configured {@code reader.name}, else the first reader holding a My Number Card, else the
     * first reader). Throws the opening failure, or MDG-READER-002 when no reader is attached.
     */
    @Override
    public CounterStation forStaff(StaffAccount account) {
        if (failure != null) {
            throw failure;
        }
        Staff staff = new Staff(account.staffId(), account.displayName(), switch (account.role()) {
            case CLERK -> jp.madoguchi.app.counter.domain.StaffRole.CLERK;
            case SUPERVISOR -> jp.madoguchi.app.counter.domain.StaffRole.SUPERVISOR;
        }, office.code());
        return new CounterStation(office, staff, monitor, reader(), issuerKey.clone(), store, cache, engine, ca, clock,
                new ConnectivityRules.OfficeSettings(Duration.ofHours(config.getInt("cache.max.age.hours")), false),
                MaintenanceCalendar.byRule(), (training ? config.dataDirectory().resolve("training") : config.dataDirectory())
                        .resolve("workflows"));
    }

    private String reader() {
        String configured = config.get("reader.name");
        if (!configured.isBlank()) {
            return configured;
        }
        Map<String, ReaderState> readers = new java.util.TreeMap<>(monitor.readers());
        return readers.entrySet().stream().filter(e -> e.getValue() == ReaderState.CARD_PRESENT).map(Map.Entry::getKey)
                .findFirst().or(() -> readers.keySet().stream().findFirst())
                .orElseThrow(() -> new CardAccessException(ReaderFailure.NO_READER));
    }

    /** The sync engine (for the demo script's waits); null when the parts failed to open. */
    public SyncEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        if (syncStatus != null) {
            syncStatus.close();
        }
        if (readerStatus != null) {
            readerStatus.close();
        }
        if (monitor != null) {
            monitor.close();
        }
        closeQuietly(engine);
        closeQuietly(cache);
        closeQuietly(store);
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed", part.getClass().getSimpleName(), e);
        }
    }
}

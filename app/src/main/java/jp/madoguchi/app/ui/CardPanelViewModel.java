package jp.madoguchi.app.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.Certificate;
import jp.madoguchi.app.counter.rules.EraDate;
import jp.madoguchi.app.counter.rules.RenewalWindow;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.counter.workflow.CardRecord;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.photo.GreyImage;
import jp.madoguchi.app.photo.Jp2Decoder;
import jp.madoguchi.app.photo.PhotoFailure;
import jp.madoguchi.card.CardFaceRead;
import jp.madoguchi.card.CardConnection;
import jp.madoguchi.card.CardEvent;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.CertificateInfo;
import jp.madoguchi.card.FaceKey;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.common.MadoguchiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card panel (F1): what the card in the counter's reader says, shown as soon as the card's screen
 * data is read (serial, expiry, tries), then the holder from central's delivery record in the read
 * cache, completed with the certificates. The card is read on the card thread (CardMonitor); the read
 * cache is looked up once per read, on the task executor, started the moment the card's serial is
 * known, so it runs while the card thread reads the rest of the card. Results come back on the
 * {@link UiThread} and a result of an earlier card is dropped. A pulled card clears everything at once. With the resident's 入力補助 PIN
 * ({@link #readWithCardTextPin}) the card's own basic 4 information and My Number are shown; the My
 * Number stays masked except while {@link #revealProperty()} is held. The face photo comes from the
 * card face (券面AP EF 0002, card-spec §2.8), opened with 照合番号A right after a PIN read the clerk asked
 * for, or with 照合番号B when the clerk types the card's security code ({@link #showPhotoWithSecurityCode});
 * it is read on the card thread, decoded from JPEG 2000 on the task executor and shown only when its
 * DF28 signature verifies (else the coded failure). FX-thread confined;
 * {@link #close()} releases the card listener.
 */
public final class CardPanelViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CardPanelViewModel.class);

    /** What the panel is doing. */
    public enum Phase { OPENING, NO_CARD, READING, SHOWN, PULLED, FAILED }

    /** What the photo area is doing. */
    public enum PhotoPhase { NONE, READING, SHOWN, NO_PHOTO, FAILED }

    /** A card-face read's result for the photo area: the decoded photo, or why there is none. */
    record PhotoResult(GreyImage image, boolean noPhoto, Throwable failure) {
    }

    /** The holder as central's delivery record describes them (CARD_SHIPPED's resident summary). */
    record Holder(String name, String kana, String romaji, LocalDate birthDate, String address, boolean foreignResident) {
    }

    /** What the read cache knows of a card: the holder (CARD_SHIPPED) and central's record. */
    record Found(Optional<Holder> holder, Optional<CardRecord> record) {
    }

    /** One read: the card's snapshot and, once the lookup has answered, what the read cache knows of it. */
    record Reading(CardSnapshot snapshot, Optional<Found> found) {
        Optional<Holder> holder() {
            return found.flatMap(Found::holder);
        }

        Optional<CardRecord> record() {
            return found.flatMap(Found::record);
        }
    }

    private final Texts texts;
    private final TaskExecutor executor;
    private final UiThread uiThread;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.OPENING);
    private final ObjectProperty<Reading> reading = new SimpleObjectProperty<>();
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private final BooleanProperty reveal = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<PhotoPhase> photoPhase = new ReadOnlyObjectWrapper<>(PhotoPhase.NONE);
    private final ReadOnlyObjectWrapper<GreyImage> photo = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Throwable> photoFailure = new SimpleObjectProperty<>();
    private final StringBinding photoText;
    private final ObservableList<String> certificates = FXCollections.observableArrayList();
    private final ObservableList<String> pins = FXCollections.observableArrayList();
    private final StringBinding message;
    private final StringBinding serial;
    private final StringBinding name;
    private final StringBinding kana;
    private final StringBinding romaji;
    private final StringBinding birth;
    private final StringBinding address;
    private final StringBinding myNumber;
    private final StringBinding cardExpiry;
    private final StringBinding source;
    private final javafx.beans.InvalidationListener relabel = o -> renderLists();
    private CounterStation station;
    private AutoCloseable cardEvents;
    private long generation;
    private boolean closed;

    public CardPanelViewModel(Texts texts, Callable<CounterStation> stations, TaskExecutor executor, UiThread uiThread, Clock clock) {
        this.texts = texts;
        this.executor = executor;
        this.uiThread = uiThread;
        this.clock = clock;
        message = texts.bindComputed(this::renderMessage, phase, failure);
        serial = field(r -> r.snapshot().cardSerial());
        name = field(r -> r.snapshot().basicInfo().map(b -> b.name()).or(() -> r.holder().map(Holder::name)).orElse(null));
        kana = field(r -> r.holder().map(Holder::kana).orElse(null));
        romaji = field(r -> r.holder().map(Holder::romaji).orElse(null));
        birth = field(r -> r.snapshot().basicInfo().map(b -> b.birthDate()).or(() -> r.holder().map(Holder::birthDate))
                .map(d -> EraDate.of(d).japaneseText() + "（" + d + "）").orElse(null));
        address = field(r -> r.snapshot().basicInfo().map(b -> b.address()).or(() -> r.holder().map(Holder::address)).orElse(null));
        cardExpiry = field(r -> {
            LocalDate d = r.snapshot().common().cardExpiry();
            return EraDate.of(d).japaneseText() + "（" + d + "）";
        });
        myNumber = texts.bindComputed(() -> {
            Reading r = reading.get();
            if (r == null) {
                return texts.get("card.unknown");
            }
            return r.snapshot().myNumber().map(n -> reveal.get() ? n.digits() : n.masked())
                    .orElseGet(() -> texts.get("card.myNumber.needsPin"));
        }, reading, reveal);
        source = texts.bindComputed(() -> {
            Reading r = reading.get();
            if (r == null) {
                return texts.get("card.unknown");
            }
            if (r.snapshot().basicInfo().isPresent()) {
                return texts.get("card.source.card");
            }
            if (r.found().isEmpty()) {
                return texts.get("card.unknown");
            }
            return r.holder().isPresent() ? texts.get("card.source.record") : texts.get("card.source.none");
        }, reading);
        photoText = texts.bindComputed(() -> switch (photoPhase.get()) {
            case NONE -> texts.get("card.photo");
            case READING -> texts.get("card.photo.reading");
            case SHOWN -> texts.get("card.photo.verified");
            case NO_PHOTO -> texts.get("card.photo.none");
            case FAILED -> photoFailure.get() == null ? "" : FailureText.of(texts, photoFailure.get());
        }, photoPhase, photoFailure);
        texts.localeProperty().addListener(relabel);
        reading.addListener((o, a, b) -> renderLists());
        executor.submit(stations).whenCompleteAsync((st, error) -> {
            if (closed) {
                return;
            }
            if (error != null) {
                LOG.warn("card panel: the counter's parts are not available", error);
                failure.set(error);
                phase.set(Phase.FAILED);
                return;
            }
            start(st);
        }, uiThread);
    }

    private StringBinding field(Function<Reading, String> value) {
        return texts.bindComputed(() -> {
            Reading r = reading.get();
            if (r == null) {
                return texts.get("card.unknown");
            }
            String v = value.apply(r);
            return v == null || v.isEmpty() ? texts.get("card.unknown") : v;
        }, reading);
    }

    private void start(CounterStation st) {
        station = st;
        cardEvents = st.monitor().subscribe(this::onCardEvent);
        if (st.monitor().state(st.reader()) == jp.madoguchi.card.ReaderState.CARD_PRESENT) {
            read(null);
        } else {
            phase.set(Phase.NO_CARD);
        }
    }

    /** On the card-events thread: hop to the UI thread, then act. */
    private void onCardEvent(CardEvent e) {
        if (!station.reader().equals(e.reader())) {
            return;
        }
        uiThread.execute(() -> {
            if (closed) {
                return;
            }
            switch (e.kind()) {
                case CARD_INSERTED, STATE_CHANGED -> {
                    if (e.state() == jp.madoguchi.card.ReaderState.CARD_PRESENT) {
                        read(null);
                    }
                }
                case CARD_REMOVED, READER_DETACHED -> pulled();
                default -> { }
            }
        });
    }

    private void pulled() {
        generation++;
        reading.set(null);
        reveal.set(false);
        failure.set(null);
        clearPhoto();
        phase.set(Phase.PULLED);
    }

    /**
     * Reads the card again with the resident's 入力補助 PIN (typed by the resident), to show the card's
     * own basic 4 information and My Number. {@code pin} is cleared once the read has run.
     */
    public void readWithCardTextPin(char[] pin) {
        if (station == null || phase.get() == Phase.NO_CARD || phase.get() == Phase.PULLED) {
            Arrays.fill(pin, '\0');
            return;
        }
        read(pin);
    }

    private void read(char[] pin) {
        long mine = ++generation;
        boolean clerkAskedWithPin = pin != null;
        phase.set(Phase.READING);
        failure.set(null);
        clearPhoto();
        CounterStation st = station;
        // At most one read-cache lookup per read: started from the screen data (card thread), or after
        // the read should it somehow not have come; the card thread never waits for it.
        AtomicReference<CompletableFuture<Found>> lookup = new AtomicReference<>();
        Function<String, CompletableFuture<Found>> lookUpOnce = serial -> {
            CompletableFuture<Found> started = new CompletableFuture<>();
            if (!lookup.compareAndSet(null, started)) {
                return lookup.get();
            }
            executor.submit(() -> lookUp(st, serial)).whenComplete((f, error) -> {
                if (error != null) {
                    started.completeExceptionally(error);
                } else {
                    started.complete(f);
                }
            });
            return started;
        };
        st.monitor().submit(st.reader(), c -> {
            try {
                return c.read(new CardConnection.ReadRequest(pin, null, partial -> {
                    CompletableFuture<Found> found = lookUpOnce.apply(partial.cardSerial());
                    uiThread.execute(() -> showPartial(mine, new Reading(partial, Optional.empty())));
                    found.thenAcceptAsync(f -> showPartial(mine, new Reading(partial, Optional.of(f))), uiThread);
                }));
            } finally {
                if (pin != null) {
                    Arrays.fill(pin, '\0');
                }
            }
        }).thenCompose(s -> lookUpOnce.apply(s.cardSerial()).thenApply(f -> new Reading(s, Optional.of(f))))
                .whenCompleteAsync((r, error) -> {
                    if (mine != generation || closed) {
                        return;
                    }
                    if (error != null) {
                        LOG.info("card panel: the read failed: {}", error.toString());
                        failure.set(error);
                        reading.set(null);
                        phase.set(Phase.FAILED);
                        return;
                    }
                    reading.set(r);
                    phase.set(Phase.SHOWN);
                    if (clerkAskedWithPin && r.snapshot().myNumber().isPresent()) {
                        // The card just gave its My Number, which is 照合番号A: right by construction, so
                        // opening the card face with it spends no try.
                        readFace(FaceKey.a(r.snapshot().myNumber().get().digits().toCharArray()));
                    }
                }, uiThread);
    }

    /**
     * Opens the card face with 照合番号B: era birth date (from the card after a PIN read, else from
     * central's delivery record) ‖ the card's expiry year ‖ the 4-digit security code the clerk reads
     * off the card face. A wrong code spends one of the key's tries, so this runs only when the clerk
     * asks. {@code securityCode} is cleared.
     */
    public void showPhotoWithSecurityCode(char[] securityCode) {
        Reading r = reading.get();
        if (station == null || r == null || phase.get() != Phase.SHOWN) {
            Arrays.fill(securityCode, '\0');
            return;
        }
        Optional<LocalDate> birthDate = r.snapshot().basicInfo().map(b -> b.birthDate())
                .or(() -> r.holder().map(Holder::birthDate));
        FaceKey key;
        try {
            if (birthDate.isEmpty()) {
                throw new MadoguchiException(PhotoFailure.BIRTH_DATE_UNKNOWN);
            }
            boolean foreign = r.holder().map(Holder::foreignResident).orElse(false);
            key = FaceKey.b(birthDate.get(), foreign, r.snapshot().common().cardExpiry(), securityCode);
        } catch (MadoguchiException e) {
            photo.set(null);
            photoFailure.set(e);
            photoPhase.set(PhotoPhase.FAILED);
            return;
        } finally {
            Arrays.fill(securityCode, '\0');
        }
        readFace(key);
    }

    /** Card thread: the card-face read; task executor: JPEG 2000 decoding; UI thread: the result. */
    private void readFace(FaceKey key) {
        long mine = generation;
        CounterStation st = station;
        photo.set(null);
        photoFailure.set(null);
        photoPhase.set(PhotoPhase.READING);
        st.monitor().submit(st.reader(), c -> c.readCardFace(key))
                .thenCompose(r -> executor.submit(() -> photoOf(r)))
                .whenCompleteAsync((result, error) -> {
                    if (mine != generation || closed) {
                        return;
                    }
                    if (error != null) {
                        LOG.info("card panel: the card face could not be read: {}", error.toString());
                        photoFailure.set(error);
                        photoPhase.set(PhotoPhase.FAILED);
                    } else if (result.failure() != null) {
                        photoFailure.set(result.failure());
                        photoPhase.set(PhotoPhase.FAILED);
                    } else if (result.noPhoto()) {
                        photoPhase.set(PhotoPhase.NO_PHOTO);
                    } else {
                        photo.set(result.image());
                        photoPhase.set(PhotoPhase.SHOWN);
                    }
                }, uiThread);
    }

    /**
     * On the task executor: the photo of a card-face read, decoded, or the coded reason there is none.
     * A face whose DF28 signature does not verify is never decoded or shown.
     */
    static PhotoResult photoOf(CardFaceRead r) {
        Optional<MadoguchiException> refused = r.failure();
        if (refused.isPresent()) {
            LOG.info("card panel: card face {}: {}", r.result(), refused.get().code());
            return new PhotoResult(null, false, refused.get());
        }
        var face = r.face().orElseThrow();
        if (!face.hasPhoto()) {
            return new PhotoResult(null, true, null);
        }
        try {
            return new PhotoResult(Jp2Decoder.decode(face.photo()), false, null);
        } catch (MadoguchiException e) {
            return new PhotoResult(null, false, e);
        }
    }

    private void clearPhoto() {
        photo.set(null);
        photoFailure.set(null);
        photoPhase.set(PhotoPhase.NONE);
    }

    /**
     * On the UI thread: the screen data, then the same with the lookup's answer if it comes before the
     * read ends (the UI thread runs them in the order they were handed over).
     */
    private void showPartial(long mine, Reading r) {
        if (mine != generation || closed || phase.get() != Phase.READING) {
            return;
        }
        reading.set(r);
    }

    /**
     * On the task executor: the read cache's record of the card (its own thread does the reading): the
     * card's feed events once, for the holder and for central's record.
     */
    private static Found lookUp(CounterStation st, String serial) {
        Optional<Holder> holder = Optional.empty();
        Optional<CardRecord> record = Optional.empty();
        try {
            List<JsonNode> events = st.cache().events(serial);
            for (JsonNode e : events) {
                if (e.path("type").asText().equals("CARD_SHIPPED")) {
                    JsonNode r = e.path("resident");
                    holder = Optional.of(new Holder(r.path("name").asText(null), r.path("nameFurigana").asText(null),
                            r.path("nameRomaji").asText(null),
                            r.hasNonNull("birthDate") ? LocalDate.parse(r.path("birthDate").asText()) : null,
                            r.path("address").asText(null), r.path("foreignResident").asBoolean(false)));
                }
            }
            record = CardRecord.find(st.cache(), st.office().code(), serial, events);
        } catch (RuntimeException e) {
            LOG.warn("card panel: the read cache has no usable record of the card: {}", e.toString());
        }
        return new Found(holder, record);
    }

    private void renderLists() {
        Reading r = reading.get();
        if (r == null) {
            certificates.clear();
            pins.clear();
            return;
        }
        List<String> certs = new ArrayList<>();
        certs.add(certificate(CertKind.AUTH, r.snapshot().authCertificatePresent(), r.snapshot().authCertificate(), r));
        certs.add(certificate(CertKind.SIGN, r.snapshot().signCertificatePresent(), r.snapshot().signCertificate(), r));
        certificates.setAll(certs);
        List<String> rows = new ArrayList<>();
        for (PinKind k : PinKind.values()) {
            PinStatus p = r.snapshot().pin(k);
            if (p != null) {
                rows.add(texts.get(switch (k) {
                    case AUTH -> "card.pin.AUTH";
                    case SIGN -> "card.pin.SIGN";
                    case CARD_TEXT -> "card.pin.CARD_TEXT";
                    case JUKI -> "card.pin.JUKI";
                }) + "：" + pinText(p));
            }
        }
        pins.setAll(rows);
    }

    private String certificate(CertKind kind, boolean present, Optional<CertificateInfo> onCard, Reading r) {
        String label = texts.get(kind == CertKind.AUTH ? "card.cert.AUTH" : "card.cert.SIGN");
        Optional<Certificate> central = r.record().map(rec -> rec.certificates().get(kind));
        if (!present) {
            return label + "：" + texts.get("card.cert.none");
        }
        Optional<Instant> notAfter = onCard.map(CertificateInfo::notAfter).or(() -> central.map(Certificate::notAfter));
        String status = central.map(c -> texts.get(switch (c.status()) {
            case ON_HOLD -> "card.cert.status.ON_HOLD";
            case VALID -> "card.cert.status.VALID";
            case REVOKED -> "card.cert.status.REVOKED";
            case EXPIRED -> "card.cert.status.EXPIRED";
        })).orElse(texts.get("card.cert.status.unknown"));
        if (notAfter.isEmpty()) {
            return label + "：" + texts.format("card.cert.noDate", Map.of("status", status));
        }
        LocalDate expiry = ValidityRules.expiryDate(notAfter.get());
        RenewalWindow w = new ValidityRules().renewalWindow(expiry, notAfter.get());
        String window = switch (w.phaseAt(clock.instant())) {
            case BEFORE_WINDOW -> texts.format("card.cert.window.before", Map.of("opens", w.opensOn()));
            case OPEN -> texts.format("card.cert.window.open", Map.of("opens", w.opensOn()));
            case EXPIRED -> texts.get("card.cert.window.expired");
        };
        return label + "：" + texts.format("card.cert.line", Map.of("expiry", EraDate.of(expiry).japaneseText() + "（" + expiry + "）",
                "window", window, "status", status));
    }

    /** Remaining tries in plain words, with what one more wrong entry does. */
    String pinText(PinStatus p) {
        return switch (p.state()) {
            case AVAILABLE -> p.remaining() <= 1 ? texts.format("card.pin.lastTry", Map.of("n", p.remaining()))
                    : texts.format("card.pin.tries", Map.of("n", p.remaining(), "after", p.remaining() - 1));
            case VERIFIED -> texts.get("card.pin.verified");
            case BLOCKED -> texts.get("card.pin.blocked");
            case NOT_SET -> texts.get("card.pin.notSet");
        };
    }

    private String renderMessage() {
        return switch (phase.get()) {
            case OPENING -> texts.get("card.opening");
            case NO_CARD -> texts.get("card.noCard");
            case READING -> texts.get("card.reading");
            case SHOWN -> texts.get("card.shown");
            case PULLED -> texts.get("card.pulled");
            case FAILED -> failure.get() == null ? "" : FailureText.of(texts, failure.get());
        };
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The phase now (for callers that do not observe properties, e.g. the card-panel benchmark). */
    public Phase phase() {
        return phase.get();
    }

    /** True while the clerk holds the reveal control down: the My Number is shown in full. */
    public BooleanProperty revealProperty() {
        return reveal;
    }

    public StringBinding messageProperty() {
        return message;
    }

    public StringBinding serialProperty() {
        return serial;
    }

    public StringBinding nameProperty() {
        return name;
    }

    public StringBinding kanaProperty() {
        return kana;
    }

    public StringBinding romajiProperty() {
        return romaji;
    }

    public StringBinding birthProperty() {
        return birth;
    }

    public StringBinding addressProperty() {
        return address;
    }

    public StringBinding myNumberProperty() {
        return myNumber;
    }

    public StringBinding cardExpiryProperty() {
        return cardExpiry;
    }

    /** The face photo from the chip, verified; null while there is none to show. */
    public ReadOnlyObjectProperty<GreyImage> photoProperty() {
        return photo.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PhotoPhase> photoPhaseProperty() {
        return photoPhase.getReadOnlyProperty();
    }

    /** What the photo area says: how to get the photo, that it is verified, or the coded failure. */
    public StringBinding photoTextProperty() {
        return photoText;
    }

    /** Where the names come from: the card itself, or central's delivery record. */
    public StringBinding sourceProperty() {
        return source;
    }

    public boolean hasMyNumber() {
        return reading.get() != null && reading.get().snapshot().myNumber().isPresent();
    }

    public ObservableList<String> certificates() {
        return FXCollections.unmodifiableObservableList(certificates);
    }

    public ObservableList<String> pins() {
        return FXCollections.unmodifiableObservableList(pins);
    }

    /** Releases the card listener and drops every result still on its way. */
    @Override
    public void close() {
        closed = true;
        generation++;
        texts.localeProperty().removeListener(relabel);
        reading.set(null);
        clearPhoto();
        if (cardEvents != null) {
            try {
                cardEvents.close();
            } catch (Exception e) {
                LOG.warn("card listener did not close", e);
            }
            cardEvents = null;
        }
    }
}

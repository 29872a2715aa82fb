package jp.madoguchi.card;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.madoguchi.card.CardSnapshot.LifeCycle;
import jp.madoguchi.card.PinStatus.State;
import jp.madoguchi.card.PinVerification.Result;
import jp.madoguchi.card.codec.Apdus;
import jp.madoguchi.card.pcsc.ReusableCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a My Number Card and the holder-side operations on it: the full read, the retry
 * query of every PIN, VERIFY and the holder's own PIN change. Counter administration (card-spec §7) goes through
 * {@link #administer}. Each operation that verifies a PIN or administers the card holds
 * {@code beginExclusive()} for all its APDUs, so no other program interleaves.
 *
 * <p>Not thread-safe: the card thread (or a single-threaded CLI) owns it. PINs passed in are cleared
 * before the method returns, whatever happens.
 */
public final class CardConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CardConnection.class);

    private final Card card;
    private boolean dirty;
    /**
     * Set by the card thread for a job on a kept connection ({@link #beginJob}): the job's first exclusive
     * operation begins a transaction that lasts until {@link #endJob}, after the reset.
     */
    private boolean holdForJob;
    /** Whether this handle holds a PC/SC transaction ({@code beginExclusive}) now. */
    private boolean inTransaction;
    /** Kept across {@link #pinStatus} calls so the application stays selected. */
    private CardSession session;

    CardConnection(Card card) {
        this.card = card;
    }

    /**
     * Connects to the card in {@code terminal} ("*": T=1 on this card). Typed failures: no card
     * ({@link ReaderFailure#NO_CARD}), another program holds it ({@link ReaderFailure#CARD_BUSY}), or
     * {@link ReaderFailure#COMMUNICATION}.
     */
    public static CardConnection open(CardTerminal terminal) {
        try {
            return new CardConnection(terminal.connect("*"));
        } catch (CardNotPresentException e) {
            throw new CardAccessException(ReaderFailure.NO_CARD, Map.of(), e);
        } catch (CardException e) {
            if (isSharingViolation(e)) {
                throw new CardAccessException(ReaderFailure.CARD_BUSY, Map.of(), e);
            }
            if (CardSession.isRemoval(e)) {
                throw new CardAccessException(ReaderFailure.NO_CARD, Map.of(), e);
            }
            throw new CardAccessException(CardSession.isServiceLoss(e) ? ReaderFailure.NO_SERVICE
                    : ReaderFailure.COMMUNICATION, Map.of(), e);
        }
    }

    static boolean isSharingViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("SHARING_VIOLATION")) {
                return true;
            }
        }
        return false;
    }

    Card card() {
        return card;
    }

    /** SELECT of the JPKI AID answered 9000 (card-spec §1.1: never by ATR). */
    public boolean isMyNumberCard() {
        CardSession session = new CardSession(card, "identify");
        ResponseAPDU r = session.transmit(Apdus.selectDf(CardApplication.JPKI.aid()), "SELECT JPKI");
        return r.getSW() == 0x9000;
    }

    /** What a read asks for. PINs may be null; both are cleared by {@link #read}. */
    public record ReadRequest(char[] cardTextPin, char[] signPin, Consumer<CardSnapshot> onScreenData) {
        public static ReadRequest withoutPins() {
            return new ReadRequest(null, null, null);
        }
    }

    /**
     * Reads the card in one pass, screen data first: card serial, basic 4 information, My Number and
     * every PIN's tries; then (after handing a partial snapshot to {@code onScreenData}, if given) the
     * card-face data, token and certificates. No EF is read twice; every PIN's tries come from the retry
     * query, which spends none. A wrong or blocked PIN does not stop the read: its outcome is in the
     * snapshot and the data it protects is empty.
     */
    public CardSnapshot read(ReadRequest request) {
        char[] textPin = request.cardTextPin();
        char[] signPin = request.signPin();
        try {
            if (textPin != null) {
                PinFormat.check(PinKind.CARD_TEXT, textPin);
            }
            if (signPin != null) {
                PinFormat.check(PinKind.SIGN, signPin);
            }
            return exclusive("read", session -> readIn(session, textPin, signPin, request.onScreenData()));
        } finally {
            clear(textPin);
            clear(signPin);
        }
    }

    private CardSnapshot readIn(CardSession s, char[] textPin, char[] signPin, Consumer<CardSnapshot> onScreen) {
        Map<PinKind, Integer> sws = new EnumMap<>(PinKind.class);
        s.select(CardApplication.COMMON);
        CommonInfo common = CommonInfo.parse(s.expectOk(s.transmit(Apdus.readRecord(1, 1), "READ RECORD common"),
                "READ RECORD"));

        sws.put(PinKind.CARD_TEXT, s.retryQuery(PinKind.CARD_TEXT));
        Optional<PinVerification> textResult = Optional.empty();
        Optional<BasicInfo> basic = Optional.empty();
        Optional<MyNumber> number = Optional.empty();
        if (textPin != null && canTry(sws.get(PinKind.CARD_TEXT))) {
            PinVerification v = verifyIn(s, PinKind.CARD_TEXT, textPin, sws.get(PinKind.CARD_TEXT));
            textResult = Optional.of(v);
            if (v.ok()) {
                dirty = true;
                basic = Optional.of(BasicInfo.parse(s.readTlvEf(0x02, "basic info")));
                number = Optional.of(MyNumber.parse(s.readFixed(0x01, 17, "My Number")));
                sws.put(PinKind.CARD_TEXT, 0x63C0 | PinKind.CARD_TEXT.maxTries());
            } else {
                sws.put(PinKind.CARD_TEXT, v.result() == Result.WRONG ? 0x63C0 | v.remaining() : 0x6984);
            }
        } else if (textPin != null) {
            textResult = Optional.of(new PinVerification(PinKind.CARD_TEXT, Result.BLOCKED, 0));
        }
        sws.put(PinKind.JUKI, s.retryQuery(PinKind.JUKI));
        sws.put(PinKind.AUTH, s.retryQuery(PinKind.AUTH));
        sws.put(PinKind.SIGN, s.retryQuery(PinKind.SIGN));
        byte[] availability = s.readFixed(0x08, 3, "certificate availability");
        boolean signPresent = (availability[0] & 0xFF) == 0x8F;
        boolean authPresent = (availability[1] & 0xFF) == 0x8F;
        Optional<LifeCycle> lifeCycle = Optional.empty();
        if (sws.containsValue(0x6984) || sws.containsValue(0x6983)) {
            lifeCycle = Optional.of(lifeCycle(s));
        }
        Map<PinKind, PinStatus> pins = new EnumMap<>(PinKind.class);
        for (Map.Entry<PinKind, Integer> e : sws.entrySet()) {
            pins.put(e.getKey(), status(e.getKey(), e.getValue(), lifeCycle.orElse(null), signPresent));
        }
        if (textResult.isPresent() && textResult.get().result() == Result.BLOCKED
                && pins.get(PinKind.CARD_TEXT).state() == State.NOT_SET) {
            textResult = Optional.of(new PinVerification(PinKind.CARD_TEXT, Result.NOT_SET, 0));
        }
        if (onScreen != null) {
            onScreen.accept(new CardSnapshot(common, number, basic, pins, textResult, Optional.empty(), lifeCycle,
                    authPresent, signPresent, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false, s.apduCount()));
        }

        // JPKI is current (the last retry queries): the free EFs, then the sign certificate after its password.
        TokenInfo token = TokenInfo.parse(s.readFixed(0x06, 32, "token info"));
        Optional<CertificateInfo> auth = authPresent
                ? Optional.of(CertificateInfo.parse(s.readTlvEf(0x0A, "auth certificate"))) : Optional.empty();
        CertificateInfo authCa = CertificateInfo.parse(s.readTlvEf(0x0B, "auth CA certificate"));
        CertificateInfo signCa = CertificateInfo.parse(s.readTlvEf(0x02, "sign CA certificate"));
        Optional<PinVerification> signResult = Optional.empty();
        Optional<CertificateInfo> signCert = Optional.empty();
        if (signPin != null) {
            PinStatus signStatus = pins.get(PinKind.SIGN);
            if (signStatus.state() == State.AVAILABLE || signStatus.state() == State.VERIFIED) {
                PinVerification v = verifyIn(s, PinKind.SIGN, signPin, sws.get(PinKind.SIGN));
                signResult = Optional.of(v);
                if (v.ok()) {
                    dirty = true;
                    signCert = Optional.of(CertificateInfo.parse(s.readTlvEf(0x01, "sign certificate")));
                }
                pins.put(PinKind.SIGN, new PinStatus(PinKind.SIGN,
                        v.ok() ? State.AVAILABLE : v.result() == Result.WRONG ? State.AVAILABLE : State.BLOCKED,
                        v.remaining()));
            } else {
                signResult = Optional.of(new PinVerification(PinKind.SIGN,
                        signStatus.state() == State.NOT_SET ? Result.NOT_SET : Result.BLOCKED, 0));
            }
        }
        // The card face AP last: its SELECT clears the JPKI verified flags, which no longer matter.
        s.select(CardApplication.FACE);
        CardFaceInfo face = CardFaceInfo.parse(s.readTlvEf(0x03, "card-face info"));
        return new CardSnapshot(common, number, basic, pins, textResult, signResult, lifeCycle, authPresent,
                signPresent, Optional.of(token), Optional.of(face), auth, Optional.of(authCa), Optional.of(signCa),
                signCert, true, s.apduCount());
    }

    private static boolean canTry(int sw) {
        return (sw & 0xFFF0) == 0x63C0 && (sw & 0x0F) > 0 || sw == 0x9000;
    }

    private PinStatus status(PinKind kind, int sw, LifeCycle lifeCycle, boolean signPresent) {
        if (sw == 0x9000) {
            return new PinStatus(kind, State.VERIFIED, kind.maxTries());
        }
        if ((sw & 0xFFF0) == 0x63C0) {
            int left = sw & 0x0F;
            return new PinStatus(kind, left == 0 ? State.BLOCKED : State.AVAILABLE, left);
        }
        if (sw == 0x6984 || sw == 0x6983) {
            boolean notSet = lifeCycle == LifeCycle.TRANSPORT || (kind == PinKind.SIGN && !signPresent && sw == 0x6984);
            return new PinStatus(kind, notSet ? State.NOT_SET : State.BLOCKED, 0);
        }
        throw StatusWords.exception(sw, "VERIFY? " + kind);
    }

    private LifeCycle lifeCycle(CardSession s) {
        s.select(CardApplication.JPKI);
        ResponseAPDU r = s.transmit(Apdus.getLifeCycle(), "GET DATA life cycle");
        if (r.getSW() != 0x9000) {
            // Real cards do not know §7: they are operational.
            return LifeCycle.OPERATIONAL;
        }
        byte[] data = r.getData();
        if (data.length != 1 || (data[0] != 1 && data[0] != 2)) {
            throw new MalformedResponseException("life cycle: expected 01 or 02");
        }
        return data[0] == 1 ? LifeCycle.TRANSPORT : LifeCycle.OPERATIONAL;
    }

    /**
     * One PIN's tries by the retry query: one APDU once its application is selected (also the
     * benchmark's probe for the APDU round trip). 6984 is reported BLOCKED here; {@link #pinStatuses}
     * tells NOT_SET apart.
     */
    public PinStatus pinStatus(PinKind kind) {
        if (session == null) {
            session = new CardSession(card, "pin status");
        }
        return status(kind, session.retryQuery(kind), null, true);
    }

    /** Every holder PIN's tries, read without spending one (card-spec §2.5). */
    public Map<PinKind, PinStatus> pinStatuses() {
        return exclusive("pin status", s -> {
            Map<PinKind, Integer> sws = new EnumMap<>(PinKind.class);
            for (PinKind kind : new PinKind[] {PinKind.CARD_TEXT, PinKind.JUKI, PinKind.AUTH, PinKind.SIGN}) {
                sws.put(kind, s.retryQuery(kind));
            }
            boolean signPresent = (s.readFixed(0x08, 3, "certificate availability")[0] & 0xFF) == 0x8F;
            LifeCycle lc = sws.containsValue(0x6984) || sws.containsValue(0x6983) ? lifeCycle(s) : null;
            Map<PinKind, PinStatus> out = new EnumMap<>(PinKind.class);
            sws.forEach((k, sw) -> out.put(k, status(k, sw, lc, signPresent)));
            return Map.copyOf(out);
        });
    }

    /**
     * VERIFY with the typed outcome OK / WRONG(remaining) / BLOCKED / NOT_SET. The retry query goes
     * first, so a blocked PIN is reported without sending it; the card is never retried automatically.
     * A format error is {@code MDG-PIN-001/002} before any APDU.
     */
    public PinVerification verifyPin(PinKind kind, char[] pin) {
        try {
            PinFormat.check(kind, pin);
            return exclusive("verify " + kind, s -> verifyChecked(s, kind, pin));
        } finally {
            clear(pin);
        }
    }

    /** The retry query, then VERIFY only when it left a try; the PIN's format is already checked. */
    private PinVerification verifyChecked(CardSession s, PinKind kind, char[] pin) {
        int query = s.retryQuery(kind);
        if (!canTry(query)) {
            LifeCycle lc = query == 0x6984 ? lifeCycle(s) : null;
            boolean signPresent = kind != PinKind.SIGN || lc == LifeCycle.TRANSPORT
                    || (s.readFixed(0x08, 3, "certificate availability")[0] & 0xFF) == 0x8F;
            PinStatus st = status(kind, query, lc, signPresent);
            return new PinVerification(kind, st.state() == State.NOT_SET ? Result.NOT_SET : Result.BLOCKED, 0);
        }
        PinVerification v = verifyIn(s, kind, pin, query);
        dirty |= v.ok();
        return v;
    }

    /**
     * The holder's own PIN change (card-spec §2.3): the retry query, VERIFY of {@code current}, then
     * CHANGE REFERENCE DATA ({@code 00 24 01 P2}, JPKI and 入力補助) or CHANGE KEY ({@code 80 32 00 P2},
     * 住基) with {@code newPin}, all under one {@code beginExclusive()}. No counter authentication: the
     * current PIN verified in the same job is what lets the card take the new one.
     *
     * <p>The outcome is the VERIFY's, as {@link #verifyPin} reports it: OK means the new PIN is set (its
     * counter at the maximum); WRONG(remaining), BLOCKED and NOT_SET mean nothing was written. Both
     * formats are checked before any APDU ({@code MDG-PIN-001/002}); a new PIN the card still refuses
     * (6A80) is {@code MDG-READER-008} with that status word. Both arrays are cleared, whatever happens.
     * The connection resets the card when it closes, so the verification does not outlive the job.
     */
    public PinVerification changePin(PinKind kind, char[] current, char[] newPin) {
        try {
            PinFormat.check(kind, current);
            PinFormat.check(kind, newPin);
            return exclusive("change " + kind, s -> {
                PinVerification v = verifyChecked(s, kind, current);
                if (!v.ok()) {
                    return v;
                }
                // The PIN's application is current since the VERIFY (another SELECT would clear its flag).
                byte[] bytes = PinFormat.bytes(newPin);
                try {
                    CommandAPDU command = kind.application() == CardApplication.JUKI
                            ? Apdus.changeKey(kind.p2(), bytes) : Apdus.changeReferenceData(kind.p2(), bytes);
                    s.expectOk(s.transmit(command, "CHANGE REFERENCE DATA " + kind, true), "CHANGE REFERENCE DATA");
                } finally {
                    Arrays.fill(bytes, (byte) 0);
                }
                s.changed();
                return v;
            });
        } finally {
            clear(current);
            clear(newPin);
        }
    }

    /**
     * Opens 券面AP EF 0002 with 照合番号A or B and reads it (card-spec §2.8, {@link CardFaceReading});
     * the outcome is typed: a wrong key gives the tries left, a locked key sends no VERIFY. Call it only
     * when the clerk asks: a wrong key spends a try. {@code key} is cleared whatever happens.
     */
    public CardFaceRead readCardFace(FaceKey key) {
        try {
            return exclusive("card face", s -> {
                dirty = true;
                return CardFaceReading.read(s, key);
            });
        } finally {
            key.clear();
        }
    }

    /** VERIFY with data; the current DF is the PIN's application. */
    private PinVerification verifyIn(CardSession s, PinKind kind, char[] pin, int querySw) {
        s.select(kind.application());
        byte[] bytes = PinFormat.bytes(pin);
        ResponseAPDU r;
        try {
            r = s.transmit(Apdus.verify(kind.p2(), bytes), "VERIFY", kind, true);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        int sw = r.getSW();
        boolean counterWasFull = querySw == 0x9000 || querySw == (0x63C0 | kind.maxTries());
        if (sw != 0x9000 || !counterWasFull) {
            // The retry counter moved (down on a wrong PIN, back to its maximum on a right one).
            s.changed();
        }
        if (sw == 0x9000) {
            return new PinVerification(kind, Result.OK, kind.maxTries());
        }
        if ((sw & 0xFFF0) == 0x63C0) {
            int left = sw & 0x0F;
            return new PinVerification(kind, left == 0 ? Result.BLOCKED : Result.WRONG, left);
        }
        if (sw == 0x6984 || sw == 0x6983) {
            return new PinVerification(kind, Result.BLOCKED, 0);
        }
        throw StatusWords.exception(sw, "VERIFY " + kind);
    }

    /**
     * Runs a counter-administration session (card-spec §7): SELECT JPKI, GET DATA serial, GET CHALLENGE,
     * EXTERNAL AUTHENTICATE with K_card = CMAC(K_issuer, SN), check the card's answer, then
     * {@code task}. The whole session holds the card exclusively and ends with {@code disconnect(true)},
     * which also clears the admin state. {@code issuerKey} is not kept.
     */
    public <T> T administer(byte[] issuerKey, String operation, AdminTask<T> task) {
        dirty = true;
        return exclusive(operation, s -> {
            AdminSession admin = AdminSession.authenticate(s, issuerKey);
            return task.run(admin);
        });
    }

    /** The work of one admin session. */
    @FunctionalInterface
    public interface AdminTask<T> {
        T run(AdminSession session);
    }

    private <T> T exclusive(String operation, java.util.function.Function<CardSession, T> body) {
        CardSession session = new CardSession(card, operation);
        if (!inTransaction) {
            try {
                card.beginExclusive();
            } catch (CardException | IllegalStateException e) {
                if (e instanceof CardException ce && !CardSession.isRemoval(ce) && !(ce instanceof CardNotPresentException)) {
                    throw new CardAccessException(isSharingViolation(ce) ? ReaderFailure.CARD_BUSY : ReaderFailure.COMMUNICATION,
                            Map.of(), ce);
                }
                throw session.removed(e, false);
            }
            inTransaction = true;
        }
        try {
            return body.apply(session);
        } finally {
            if (!holdForJob) {
                endTransaction(operation);
            }
        }
    }

    private void endTransaction(String after) {
        inTransaction = false;
        try {
            card.endExclusive();
        } catch (CardException | IllegalStateException e) {
            LOG.debug("endExclusive after {}: {}", after, e.toString());
        }
    }

    /**
     * Whether this connection can be kept for the next job ({@link CardMonitor} keeps one per reader):
     * only a {@link ReusableCard} (our libpcsclite provider) can be reset and checked through its own
     * handle; with any other provider every job opens and closes its own connection.
     */
    boolean reusable() {
        return card instanceof ReusableCard;
    }

    /**
     * Before a job on a kept connection: begins the job's transaction and returns true when the handle
     * still reaches the card it was opened on (reconnecting it, without reset, when another program reset
     * the card, and beginning again); false when the card left or the service is gone, and the connection
     * must be closed. The transaction is the one every exclusive operation of the job would begin anyway,
     * and {@link #endJob} ends it; pcscd's answer to it is the check (no separate {@code SCardStatus}).
     */
    boolean readyForJob() {
        if (!(card instanceof ReusableCard reusable)) {
            return false;
        }
        ReusableCard.Handle begun = reusable.beginTransaction();
        if (begun == ReusableCard.Handle.RESET) {
            try {
                reusable.reconnect(false);
            } catch (CardException | IllegalStateException e) {
                LOG.debug("reconnect after another program's reset: {}", e.toString());
                return false;
            }
            begun = reusable.beginTransaction();
        }
        inTransaction = begun == ReusableCard.Handle.READY;
        return inTransaction;
    }

    /**
     * Before a job on a kept connection (card thread): from now until {@link #endJob} the first exclusive
     * operation's transaction is held, so the reset at the end of the job happens before any other
     * program can send a command to the card.
     */
    void beginJob() {
        holdForJob = true;
    }

    /**
     * After a job on a kept connection: resets the card through the same handle when the job verified a
     * PIN, read the card face or administered the card (card-spec §2.5, §7.4: the reset is what
     * {@code disconnect(true)} would do), so no verified flag or admin state reaches the next job; the
     * next job starts from no selection. The reset happens inside the job's transaction, which ends
     * only after it: no other program sees the card between the job and the reset. False when the reset
     * failed: the caller closes the connection (which tries the reset once more and, with the handle,
     * gives up the transaction) and connects afresh next time.
     */
    boolean endJob() {
        session = null;
        holdForJob = false;
        if (dirty) {
            try {
                ((ReusableCard) card).reconnect(true);
                dirty = false;
            } catch (CardException | IllegalStateException e) {
                LOG.debug("reset at the end of a job: {}", e.toString());
                return false;
            }
        }
        if (inTransaction) {
            endTransaction("the job");
        }
        return true;
    }

    /**
     * Disconnects; with a reset when a PIN was verified or the card administered, so no verified flag
     * or admin state outlives the operation (card-spec §2.5, §7.4).
     */
    @Override
    public void close() {
        try {
            card.disconnect(dirty);
        } catch (CardException | IllegalStateException e) {
            LOG.debug("disconnect: {}", e.toString());
        }
    }

    private static void clear(char[] pin) {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
    }
}

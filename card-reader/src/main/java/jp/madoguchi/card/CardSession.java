package jp.madoguchi.card;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.madoguchi.card.CardRemovedException.CardChange;
import jp.madoguchi.card.codec.Apdus;
import jp.madoguchi.card.codec.Tlv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operation's traffic with a connected card: every transmit goes through here, so a pulled card
 * (CardNotPresentException, a "removed"/"reset" CardException, and the IllegalArgumentException or
 * IllegalStateException the JDK provider throws then) becomes a {@link CardRemovedException} that knows
 * the operation, its last completed step and whether the card may have changed. It also counts APDUs
 * and logs commands by name only (never data: it may hold a PIN).
 *
 * <p>Not thread-safe; used on the card thread only.
 */
final class CardSession {

    private static final Logger LOG = LoggerFactory.getLogger(CardSession.class);
    private static final String READ_BINARY = "READ BINARY";

    private final Card card;
    private final String operation;
    /**
     * The last completed step as its two parts ("READ BINARY", "auth certificate"), joined only when a
     * failure or the trace log names it: the read's code runs a few hundred times per JVM and stays cold,
     * where joining them before every APDU cost up to ~10 µs a time between APDUs (measured).
     */
    private String lastVerb = "none";
    private Object lastObject;
    private CardChange change = CardChange.UNCHANGED;
    private int apduCount;
    private CardApplication current;

    CardSession(Card card, String operation) {
        this.card = card;
        this.operation = operation;
    }

    Card card() {
        return card;
    }

    int apduCount() {
        return apduCount;
    }

    String operation() {
        return operation;
    }

    /** Records that a command changing the card's stored state completed. */
    void changed() {
        change = CardChange.CHANGED;
    }

    /** Sends a command that reads or changes only volatile state. */
    ResponseAPDU transmit(CommandAPDU command, String step) {
        return transmit(command, step, null, false);
    }

    /**
     * Sends {@code command}. With {@code persistent}, a pull during it leaves the card's state
     * {@link CardChange#UNKNOWN}. 61xx left by a provider is collected here with GET RESPONSE.
     */
    ResponseAPDU transmit(CommandAPDU command, String step, boolean persistent) {
        return transmit(command, step, null, persistent);
    }

    /**
     * {@link #transmit(CommandAPDU, String, boolean)} for a step named by a verb and what it acts on
     * ({@code "SELECT"}, {@link CardApplication#JPKI}), joined as "SELECT JPKI" only when it is logged
     * or a failure names it.
     */
    ResponseAPDU transmit(CommandAPDU command, String verb, Object object, boolean persistent) {
        ResponseAPDU response = raw(command, verb, object, persistent);
        if (response.getSW1() == 0x61) {
            ByteArrayOutputStream collected = new ByteArrayOutputStream();
            String again = step(verb, object) + " (GET RESPONSE)";
            // Bounded: a card may not chain more than 64 KiB.
            for (int round = 0; round < 256 && response.getSW1() == 0x61; round++) {
                collected.writeBytes(response.getData());
                response = raw(Apdus.getResponse(response.getSW2()), again, null, false);
            }
            collected.writeBytes(response.getBytes());
            response = new ResponseAPDU(collected.toByteArray());
        }
        lastVerb = verb;
        lastObject = object;
        return response;
    }

    private static String step(String verb, Object object) {
        return object == null ? verb : verb + " " + object;
    }

    private ResponseAPDU raw(CommandAPDU command, String verb, Object object, boolean persistent) {
        try {
            apduCount++;
            ResponseAPDU response = card.getBasicChannel().transmit(command);
            if (LOG.isTraceEnabled()) {
                LOG.trace("{}: {} → {}", operation, step(verb, object), String.format(Locale.ROOT, "%04X", response.getSW()));
            }
            return response;
        } catch (CardNotPresentException | IllegalArgumentException | IllegalStateException e) {
            throw removed(e, persistent);
        } catch (CardException e) {
            if (isRemoval(e)) {
                throw removed(e, persistent);
            }
            throw new CardAccessException(isServiceLoss(e) ? ReaderFailure.NO_SERVICE : ReaderFailure.COMMUNICATION,
                    java.util.Map.of(), e);
        }
    }

    /** Whether a CardException from any provider means the card left or was reset under us. */
    static boolean isRemoval(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CardNotPresentException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("REMOVED_CARD") || m.contains("NO_SMARTCARD") || m.contains("RESET_CARD")
                    || m.contains("READER_UNAVAILABLE") || m.contains("UNKNOWN_READER"))) {
                return true;
            }
        }
        return false;
    }

    static boolean isServiceLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("NO_SERVICE") || m.contains("SERVICE_STOPPED"))) {
                return true;
            }
        }
        return false;
    }

    CardRemovedException removed(Throwable cause, boolean persistent) {
        CardChange what = persistent ? CardChange.UNKNOWN : change;
        String lastStep = step(lastVerb, lastObject);
        LOG.info("card removed during {} after {} (card {})", operation, lastStep, what);
        return new CardRemovedException(operation, lastStep, what, cause);
    }

    /** 9000 or a typed exception for the status word. */
    byte[] expectOk(ResponseAPDU response, String command) {
        return expectOk(response, command, null);
    }

    /** {@link #expectOk(ResponseAPDU, String)} for a command named by a verb and its object, joined only on failure. */
    byte[] expectOk(ResponseAPDU response, String verb, Object object) {
        if (response.getSW() != 0x9000) {
            throw StatusWords.exception(response.getSW(), step(verb, object));
        }
        return response.getData();
    }

    void select(CardApplication application) {
        if (current == application) {
            return;
        }
        expectOk(transmit(Apdus.selectDf(application.aid()), "SELECT", application, false), "SELECT", application);
        current = application;
    }

    /** Forget the selection (after a SELECT that may have failed, or a reset). */
    void forgetSelection() {
        current = null;
    }

    CardApplication current() {
        return current;
    }

    /**
     * Reads a TLV-structured EF selected by SFI: the first chunk with Le=00, then chunks at 0100, 0200, …
     * until the outer TLV length is reached (card-spec §1.2). Each byte is read once.
     */
    byte[] readTlvEf(int sfi, String name) {
        byte[] first = expectOk(transmit(Apdus.readBinarySfi(sfi), READ_BINARY, name, false), READ_BINARY, name);
        if (first.length == 0) {
            throw new MalformedResponseException(name + ": empty EF");
        }
        // Newer cards may put 2 bytes before FF20 (§2.7): skip up to 2 leading bytes to find the TLV.
        int skip = leadingFiller(first);
        int total = skip + Tlv.header(first, skip, first.length).totalLength();
        if (total > Tlv.MAX_LENGTH) {
            throw new MalformedResponseException(name + ": EF longer than 32 KiB");
        }
        if (first.length >= total) {
            return java.util.Arrays.copyOf(first, total);
        }
        if (first.length < 256) {
            throw new MalformedResponseException(name + ": EF shorter than its TLV length");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream(total);
        data.writeBytes(first);
        while (data.size() < total) {
            int le = Math.min(256, total - data.size());
            byte[] chunk = expectOk(transmit(Apdus.readBinary(data.size(), le), READ_BINARY, name, false), READ_BINARY, name);
            if (chunk.length == 0) {
                throw new MalformedResponseException(name + ": EF ended before its TLV length");
            }
            data.write(chunk, 0, Math.min(chunk.length, total - data.size()));
            if (chunk.length < le && data.size() < total) {
                throw new MalformedResponseException(name + ": EF ended before its TLV length");
            }
        }
        return data.toByteArray();
    }

    private static int leadingFiller(byte[] first) {
        boolean atStart = (first[0] & 0xFF) == 0xFF && first.length > 1 && (first[1] & 0xFF) == 0x20;
        if (!atStart && first.length >= 4 && (first[2] & 0xFF) == 0xFF && (first[3] & 0xFF) == 0x20) {
            return 2;
        }
        return 0;
    }

    /** Reads exactly {@code length} bytes (≤ 256) of an EF selected by SFI; shorter is malformed. */
    byte[] readFixed(int sfi, int length, String name) {
        byte[] data = expectOk(transmit(new CommandAPDU(0x00, 0xB0, 0x80 | sfi, 0x00, length), READ_BINARY, name, false),
                READ_BINARY, name);
        if (data.length < length) {
            throw new MalformedResponseException(name + ": " + data.length + " bytes, expected " + length);
        }
        return java.util.Arrays.copyOf(data, length);
    }

    /**
     * The retry query: {@code 00 20 00 P2} without data, spending no try. Returns the raw SW; the
     * caller interprets 63Cx / 9000 / 6984.
     */
    int retryQuery(PinKind pin) {
        select(pin.application());
        return transmit(Apdus.verifyQuery(pin.p2()), "VERIFY?", pin, false).getSW();
    }
}

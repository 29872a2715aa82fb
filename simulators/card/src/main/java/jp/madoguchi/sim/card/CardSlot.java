package jp.madoguchi.sim.card;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A card as a transport sees it: the {@link Card} plus its {@link Faults}. Both transports (vpcd and
 * the in-JVM terminal) exchange APDUs only through here, so faults behave the same on both. The
 * random choices come from the faults' seed and the APDU order, so a run replays exactly.
 * Thread safety: {@link #exchange} is synchronized; APDUs are processed in arrival order.
 */
public final class CardSlot {
    private static final Logger LOG = LoggerFactory.getLogger(CardSlot.class);

    private final Card card;
    private final Faults faults;
    private final Random random;
    private int count;

    public CardSlot(Card card, Faults faults) {
        this.card = card;
        this.faults = faults;
        this.random = new Random(faults.seed());
    }

    /**
     * The usual way in: the card of a profile file, persisting every change back to that file
     * atomically, with secure randomness.
     */
    public static CardSlot ofProfile(java.nio.file.Path profile, Faults faults) throws java.io.IOException {
        return new CardSlot(new Card(ProfileStore.load(profile), ProfileStore.file(profile), CardRandom.secure()), faults);
    }

    public Card card() {
        return card;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * One APDU exchange; returns the R-APDU, or null when the card vanishes (the caller must then
     * remove the card: close the vpcd socket, or mark the in-JVM terminal empty).
     */
    public synchronized byte[] exchange(byte[] apdu) {
        count++;
        byte[] answer;
        if (faults.refuseExternalAuthenticate() && apdu.length >= 2 && apdu[0] == 0 && (apdu[1] & 0xFF) == 0x82) {
            answer = Card.sw(0x6983);
        } else if (faults.statusFailureRate() > 0 && random.nextDouble() < faults.statusFailureRate()) {
            answer = Card.sw(0x6F00);
        } else {
            answer = card.transmit(apdu);
        }
        if (faults.vanishAfter() > 0 && count >= faults.vanishAfter()) {
            LOG.info("fault injection: card vanishes at APDU {}", count);
            return null;
        }
        if (faults.corruptRate() > 0 && answer.length > 2 && random.nextDouble() < faults.corruptRate()) {
            answer = corrupt(answer);
        }
        if (faults.slowMillis() > 0) {
            try {
                Thread.sleep(faults.slowMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return answer;
    }

    /** Resets the card's volatile state (power-off, reset, removal). */
    public void reset() {
        card.reset();
    }

    private byte[] corrupt(byte[] answer) {
        List<Faults.Corruption> kinds = new ArrayList<>(faults.corruptions());
        Faults.Corruption kind = kinds.get(random.nextInt(kinds.size()));
        int dataLength = answer.length - 2;
        byte[] data = Arrays.copyOf(answer, dataLength);
        int sw = (answer[dataLength] & 0xFF) << 8 | answer[dataLength + 1] & 0xFF;
        switch (kind) {
            case TRUNCATE:
                data = Arrays.copyOf(data, random.nextInt(dataLength));
                break;
            case FLIP:
                data[random.nextInt(dataLength)] ^= (byte) (1 << random.nextInt(8));
                break;
            case LENGTH:
                int at = lengthIndex(data);
                if (at < data.length) {
                    data[at] = (byte) (data[at] + 1 + random.nextInt(100));
                } else {
                    data[dataLength - 1] ^= (byte) 0xFF;
                }
                break;
            default:
                int li = Math.min(lengthIndex(data), data.length);
                byte[] absurd = {(byte) 0x84, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
                data = Tlv.concat(Arrays.copyOf(data, li), absurd, Arrays.copyOfRange(data, Math.min(li + 1, data.length),
                        data.length));
                break;
        }
        LOG.info("fault injection: {} answer", kind);
        return Card.withSw(data, sw);
    }

    /** Index of the first BER length byte, assuming the data starts with a TLV. */
    private static int lengthIndex(byte[] data) {
        if (data.length == 0) {
            return 0;
        }
        int i = 1;
        if ((data[0] & 0x1F) == 0x1F) {
            while (i < data.length && (data[i] & 0x80) != 0) {
                i++;
            }
            i++;
        }
        return i;
    }
}

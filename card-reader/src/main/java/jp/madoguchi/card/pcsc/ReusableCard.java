package jp.madoguchi.card.pcsc;

import javax.smartcardio.CardException;

/**
 * A card connection that can outlive one job: the card thread keeps it between jobs and, instead of
 * disconnecting and connecting again, resets the card through the same handle ({@code SCardReconnect}
 * with {@code SCARD_RESET_CARD}) and checks before each job that the handle still reaches the same,
 * unreset card ({@code SCardStatus}). Card thread only, like the card itself.
 */
public interface ReusableCard {

    /** What {@link #check()} found. */
    enum Handle {
        /** The same card, not reset by anyone since our last command: the handle is ready. */
        READY,
        /** Another program (or pcscd) reset the card: {@link #reconnect(boolean)} without reset makes it ready. */
        RESET,
        /** The card left the reader (perhaps replaced by another one), or the reader or service is gone. */
        GONE
    }

    /** Asks pcscd about this handle; never throws. */
    Handle check();

    /**
     * Reconnects the handle (shared, T=0 or T=1), resetting the card when {@code reset}: every volatile
     * state of the card (verified PINs, the admin state, the current DF) is gone when this returns.
     *
     * @throws CardException when the card or the service is gone (the handle is then of no use)
     */
    void reconnect(boolean reset) throws CardException;
}
